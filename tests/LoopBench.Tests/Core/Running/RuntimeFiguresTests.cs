using LoopBench.Core.Interop;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Tests.Core.Results;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Running;

/// <summary>The GC, JIT and allocation figures of a repetition's window, and how the summaries flag them.</summary>
public sealed class RuntimeFiguresTests
{
    [Fact(Timeout = 20_000)]
    [Trait(Traits.Category, Traits.Loopback)]
    public void RealRun_RecordsRuntimeFigures_NonNegative()
    {
        // Process-wide counters: the test host allocates and compiles on other threads, so only consistency is asserted.
        var c = QuickCases.Short(new Case { Parallel = 2 });
        var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);

        Assert.True(result.Outcome == CaseOutcome.Passed, $"{result.Outcome}: {result.Reason}");
        var runtime = Assert.Single(result.Repetitions).Runtime;
        Assert.NotNull(runtime);
        Assert.InRange(runtime.GcCollections, 0, long.MaxValue);
        Assert.InRange(runtime.GcGen2Collections, 0, runtime.GcCollections);
        Assert.InRange(runtime.GcPauseNs, 0, long.MaxValue);
        Assert.InRange(runtime.JitCompiledMethods, 0, long.MaxValue);
        Assert.InRange(runtime.JitTimeNs, 0, long.MaxValue);
        Assert.InRange(runtime.AllocatedBytes, 0, long.MaxValue);
        Assert.All(result.Repetitions[0].Ends, e => Assert.True(e.RunQueueWaitNs >= 0 && e.Timeslices > 0, $"{e.Name}: {e.RunQueueWaitNs} ns in {e.Timeslices} timeslices"));
    }

    [Fact]
    public void Describe_NamesJitAndGcInsideTheWindow_NullWhenNone()
    {
        Assert.Null(RuntimeNotes.Describe([new RuntimeResult(0, 0, 0, 0, 0, 4096), null]));
        Assert.Equal(
            "2 JIT compilations (1.5 ms) and 1 GC (0.4 ms pause) inside the window",
            RuntimeNotes.Describe([new RuntimeResult(1, 0, 400_000, 2, 1_500_000, 8192)]));
        Assert.Equal(
            "3 GCs, 1 full (2.0 ms pause) inside the window of 1 of 2 repetitions",
            RuntimeNotes.Describe([new RuntimeResult(3, 1, 2_000_000, 0, 0, 0), new RuntimeResult(0, 0, 0, 0, 0, 0)]));
    }

    [Fact]
    public void Describe_NamesAWarmUpThatRanOnWhileTheRuntimeCompiled()
    {
        Assert.Null(RuntimeNotes.Describe([new RuntimeResult(0, 0, 0, 0, 0, 0) { WarmupExtendedNs = 0 }]));
        Assert.Equal(
            "the warm-up ran 150 ms longer while the runtime compiled",
            RuntimeNotes.Describe([new RuntimeResult(0, 0, 0, 0, 0, 0) { WarmupExtendedNs = 150_000_000 }]));
        Assert.Equal(
            "1 JIT compilation (0.2 ms) inside the window of 1 of 3 repetitions; the warm-up ran up to 300 ms longer while the runtime compiled, in 2 of 3 repetitions",
            RuntimeNotes.Describe([
                new RuntimeResult(0, 0, 0, 1, 200_000, 0) { WarmupExtendedNs = 50_000_000 },
                new RuntimeResult(0, 0, 0, 0, 0, 0) { WarmupExtendedNs = 300_000_000 },
                new RuntimeResult(0, 0, 0, 0, 0, 0) { WarmupExtendedNs = 0 },
            ]));
    }

    [Fact]
    public void Json_RoundTripsRuntime_AndReadsRunsWithoutIt()
    {
        var run = ResultJsonTests.Fixture();
        var withRuntime = run with
        {
            Cases = [run.Cases[0] with { Repetitions = [run.Cases[0].Repetitions[0] with { Runtime = new RuntimeResult(1, 0, 400_000, 2, 1_500_000, 8192) }] }],
        };
        string json = ResultJson.Serialize(withRuntime);
        Assert.Contains("\"gcPauseNs\": 400000", json, StringComparison.Ordinal);
        Assert.DoesNotContain("hasGcOrJit", json, StringComparison.Ordinal);
        Assert.Equal(new RuntimeResult(1, 0, 400_000, 2, 1_500_000, 8192), ResultJson.Deserialize(json).Cases[0].Repetitions[0].Runtime);
        Assert.Null(ResultJson.Deserialize(ResultJson.Serialize(run)).Cases[0].Repetitions[0].Runtime); // an older run.json
        Assert.Contains("runtime: 2 JIT compilations", RunSummary.Render(withRuntime), StringComparison.Ordinal);
        Assert.DoesNotContain("## Notes", RunSummary.Render(run), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1234 (lb-c0-tx) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 7 0 0", 7)]
    [InlineData("1234 (odd ) name) R 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 1 0", 1)]
    [InlineData("1234 (short) S 1 2 3", -1)]
    public void LastCpuReader_ParsesField39(string stat, int cpu) =>
        Assert.Equal(cpu, LastCpuReader.Parse(System.Text.Encoding.ASCII.GetBytes(stat)));

    [Fact]
    public void LastCpuReader_ReadsThisThread()
    {
        using var reader = new LastCpuReader(CpuAffinity.CurrentThreadId());
        Assert.InRange(reader.Read(), 0, Environment.ProcessorCount * 64);
        using var unknown = new LastCpuReader(0);
        Assert.Equal(-1, unknown.Read());
    }

    [Theory]
    [InlineData("123456789 2345 17\n", 123456789L, 2345L, 17L)]
    [InlineData("0 0 0", 0L, 0L, 0L)]
    [InlineData("98765432101  1 4", 98765432101L, 1L, 4L)]
    public void SchedstatReader_ParsesRunWaitAndTimeslices(string line, long run, long wait, long slices) =>
        Assert.Equal((run, wait, slices), SchedstatReader.Parse(System.Text.Encoding.ASCII.GetBytes(line)));

    [Theory]
    [InlineData("")]
    [InlineData("-5 1 1")]
    [InlineData("abc 1 1")]
    [InlineData("1 2")]
    [InlineData("1 2 3 4")]
    public void SchedstatReader_RejectsWhatIsNotSchedstat(string line) =>
        Assert.Null(SchedstatReader.Parse(System.Text.Encoding.ASCII.GetBytes(line)));

    /// <summary>Two threads pinned to one CPU, each spinning 40 ms of its own CPU time: while one runs the other waits runnable.</summary>
    [Fact(Timeout = 15_000)]
    public void SchedstatReader_TwoThreadsOnOneCpu_EachWaitsForIt()
    {
        if (!File.Exists("/proc/self/schedstat"))
        {
            Assert.Skip("this kernel has no schedstats (/proc/self/schedstat)");
        }

        int cpu = CpuAffinity.GetAllowedCpus()[0];
        var seen = new (Scheduling? Before, Scheduling? Since)[2];
        using var pinned = new CountdownEvent(2);
        var threads = Enumerable.Range(0, 2).Select(i => new Thread(() =>
        {
            CpuAffinity.PinCurrentThread(cpu);
            using var reader = new SchedstatReader(CpuAffinity.CurrentThreadId());
            pinned.Signal();
            pinned.Wait(TimeSpan.FromSeconds(10));
            var before = reader.Read();
            var start = ThreadCpuTime.CurrentThread();
            long deadline = Environment.TickCount64 + 8_000;
            while ((ThreadCpuTime.CurrentThread() - start).TotalUs < 40_000 && Environment.TickCount64 < deadline)
            {
                Thread.SpinWait(1000);
            }

            seen[i] = (before, reader.Since(before));
        })).ToList();
        threads.ForEach(t => t.Start());
        Assert.All(threads, t => Assert.True(t.Join(TimeSpan.FromSeconds(12))));

        Assert.All(seen, s =>
        {
            Assert.NotNull(s.Before);
            var since = s.Since!.Value;
            Assert.True(since.WaitNs > 0, $"waited {since.WaitNs} ns");
            Assert.True(since.Timeslices > 1, $"{since.Timeslices} timeslices");
        });
    }
}
