using LoopBench.Core.Interop;

namespace LoopBench.Tests.Core.Interop;

public sealed class ThreadCpuTimeTests
{
    [Fact(Timeout = 10_000)]
    public void CurrentThread_GrowsWithWork_AndNeverExceedsTheProcess()
    {
        var before = ThreadCpuTime.CurrentThread();
        long end = Environment.TickCount64 + 60;
        while (Environment.TickCount64 < end)
        {
            Thread.SpinWait(100);
        }

        var spent = ThreadCpuTime.CurrentThread() - before;
        Assert.True(spent.TotalUs > 0);
        Assert.True(ThreadCpuTime.Process().TotalUs >= ThreadCpuTime.CurrentThread().TotalUs);
    }

    [Fact]
    public void CurrentThread_AllocatesNothing()
    {
        ThreadCpuTime.CurrentThread();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            ThreadCpuTime.CurrentThread();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void SysConf_ClockTicks_IsUserHz()
    {
        Assert.Equal(100, Libc.SysConf(Libc.ScClkTck));
    }
}
