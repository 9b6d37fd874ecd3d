using LoopBench.Core.Interop;
using LoopBench.Core.Measurement;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Measurement;

public sealed class CpuSamplerTests
{
    [Fact]
    public void ParseSystem_ReadsTheAggregateLine()
    {
        var t = ProcStatParsers.ParseSystem("cpu  100 5 30 800 2 1 9 4 0 0\ncpu0 50 0 15 400 1 0 4 2 0 0\n");
        Assert.Equal((105L, 30L, 800L, 2L, 1L, 9L, 4L), (t.UserTicks, t.SystemTicks, t.IdleTicks, t.IowaitTicks, t.IrqTicks, t.SoftirqTicks, t.StealTicks));
        Assert.Equal(145, t.BusyTicks);
        Assert.True(ProcStatParsers.ParseSystem(ProcSamples.Stat).TotalTicks > 0);
    }

    [Fact]
    public void ParseTask_HandlesParenthesesAndSpacesInTheName()
    {
        var (name, user, system) = ProcStatParsers.ParseTask(ProcSamples.TaskStat);
        Assert.Equal(("lb-c0 (tx) x", 1234L, 567L), (name, user, system));
    }

    [Theory]
    [InlineData("123456789 2345 17\n", 123456789L)]
    [InlineData("0 0 0", 0L)]
    [InlineData("  98765432101 1 1\n", 98765432101L)]
    public void ParseSchedstatRunNs_ReadsTheFirstField(string text, long ns)
    {
        Assert.Equal(ns, ProcStatParsers.ParseSchedstatRunNs(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-5 1 1")]
    [InlineData("abc 1 1")]
    public void ParseSchedstatRunNs_RejectsWhatIsNotSchedstat(string text)
    {
        Assert.Throws<FormatException>(() => ProcStatParsers.ParseSchedstatRunNs(text));
    }

    /// <summary>
    /// 1 ms of a worker's own CPU is read back as at least 1 ms and under 10 ms: USER_HZ ticks could
    /// only say 0 or 10 ms, so this needs a nanosecond source. 10x margin on the upper bound.
    /// </summary>
    [Fact(Timeout = 15_000)]
    [Trait(Traits.Category, Traits.Loopback)]
    public void Stop_BusyWorker_ShowsCpuAtSubTickResolution()
    {
        var sampler = new CpuSampler();
        int workerTid = 0;
        using var spun = new ManualResetEventSlim();
        using var stop = new ManualResetEventSlim();
        sampler.Start();
        var worker = new Thread(() =>
        {
            workerTid = CpuAffinity.CurrentThreadId();
            SpinUntilCpu(ThreadCpuTime.CurrentThread(), 1_000);
            spun.Set();
            stop.Wait(TimeSpan.FromSeconds(10));
        }) { Name = "lb-test-busy" };
        worker.Start();
        Assert.True(spun.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        var cpu = sampler.Stop([workerTid], bytes: 0, transactions: null);
        stop.Set();
        Assert.True(worker.Join(TimeSpan.FromSeconds(10)));

        var thread = Assert.Single(cpu.Threads, t => t.IsWorker);
        Assert.NotEqual("stat-ticks", cpu.ThreadTimeSource);
        Assert.InRange(thread.CpuNs!.Value, 1_000_000, 9_999_999);
        Assert.Equal(thread.CpuNs.Value / 1000, thread.CpuUs);
        Assert.True(cpu.HarnessOverheadNs >= 0);
        Assert.Equal(cpu.HarnessOverheadNs!.Value / 1000, cpu.HarnessOverheadUs);
    }

    [Fact(Timeout = 15_000)]
    public void StartStop_CountsProcessTime_WorkerSplit_AndHarnessOverhead()
    {
        var sampler = new CpuSampler();
        Assert.Equal(10_000, sampler.TickUs); // USER_HZ = 100 on Linux
        int workerTid = 0;
        CpuTimeUs workerOwn = default;
        using var spun = new ManualResetEventSlim();
        using var stop = new ManualResetEventSlim();
        sampler.Start();
        var worker = new Thread(() =>
        {
            workerTid = CpuAffinity.CurrentThreadId();
            var start = ThreadCpuTime.CurrentThread();
            SpinUntilCpu(start, 60_000);
            workerOwn = ThreadCpuTime.CurrentThread() - start;
            spun.Set();
            stop.Wait(TimeSpan.FromSeconds(10)); // stay alive until Stop reads /proc/self/task
        }) { Name = "lb-test-worker" };
        worker.Start();
        Assert.True(spun.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        var cpu = sampler.Stop([workerTid], bytes: 1024 * 1024, transactions: 1000);
        stop.Set();
        Assert.True(worker.Join(TimeSpan.FromSeconds(10)));

        Assert.True(workerOwn.TotalUs >= 60_000, $"RUSAGE_THREAD saw {workerOwn.TotalUs} µs");
        Assert.True(cpu.ProcessUserUs + cpu.ProcessSystemUs >= workerOwn.TotalUs / 2);
        var thread = Assert.Single(cpu.Threads, t => t.IsWorker);
        Assert.Equal("lb-test-worker", thread.Name);
        Assert.True(thread.CpuUs > 0);
        Assert.True(cpu.HarnessOverheadUs >= 0);
        Assert.True(cpu.ServiceDemandUsPerKiB > 0);
        Assert.True(cpu.ServiceDemandUsPerTransaction > 0);
        Assert.InRange(cpu.SystemUserPercent + cpu.SystemSystemPercent + cpu.SystemSoftirqPercent + cpu.SystemStealPercent, 0, 100.0001);
        Assert.StartsWith(CpuResult.ApproximateSplitNote, cpu.Note, StringComparison.Ordinal);
        Assert.Contains("softirq", cpu.Note, StringComparison.Ordinal);
    }

    /// <summary>Burns this thread's own CPU time (not wall time: the box is shared), at most 8 s of wall time.</summary>
    private static void SpinUntilCpu(CpuTimeUs start, long cpuUs)
    {
        long deadline = Environment.TickCount64 + 8_000;
        while ((ThreadCpuTime.CurrentThread() - start).TotalUs < cpuUs && Environment.TickCount64 < deadline)
        {
            Thread.SpinWait(1000);
        }
    }
}
