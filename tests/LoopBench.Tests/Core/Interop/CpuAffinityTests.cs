using LoopBench.Core.Interop;

namespace LoopBench.Tests.Core.Interop;

public sealed class CpuAffinityTests
{
    [Fact]
    public void AllowedCpus_AreReportedAndWithinProcessorCount()
    {
        var cpus = CpuAffinity.GetAllowedCpus();
        Assert.NotEmpty(cpus);
        Assert.All(cpus, cpu => Assert.InRange(cpu, 0, 1023));
    }

    [Fact]
    public void PinCurrentThread_MovesTheThreadToThatCpu()
    {
        int target = CpuAffinity.GetAllowedCpus()[^1];
        int observed = -1;
        IReadOnlyList<int>? maskAfter = null;
        var thread = new Thread(() =>
        {
            CpuAffinity.PinCurrentThread(target);
            Thread.Yield();
            observed = CpuAffinity.CurrentCpu();
            maskAfter = CpuAffinity.GetAllowedCpus();
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(target, observed);
        Assert.Equal([target], maskAfter);
    }

    [Fact]
    public void PinCurrentThread_ToANonexistentCpu_ThrowsWithErrno()
    {
        Exception? error = null;
        var thread = new Thread(() => error = Record.Exception(() => CpuAffinity.PinCurrentThread(1000)));
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)));
        var ex = Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("errno", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CurrentThreadId_IsAKernelTidOfThisProcess()
    {
        int tid = CpuAffinity.CurrentThreadId();
        Assert.True(tid > 0);
        Assert.True(Directory.Exists($"/proc/self/task/{tid}"));
        Assert.NotEqual(tid, new Func<int>(() =>
        {
            int other = 0;
            var t = new Thread(() => other = CpuAffinity.CurrentThreadId());
            t.Start();
            t.Join();
            return other;
        })());
    }

    [Fact]
    public void LastCpuOf_ReadsTheCpuOfALiveThread_AndMinusOneForAGoneOne()
    {
        int cpu = CpuAffinity.LastCpuOf(CpuAffinity.CurrentThreadId());
        Assert.Contains(cpu, CpuAffinity.GetAllowedCpus());
        Assert.Equal(-1, CpuAffinity.LastCpuOf(int.MaxValue));
    }
}
