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

    [Fact(Timeout = 10_000)]
    public void TryThreadNs_ReadsAnotherThreadsClock_InNanoseconds()
    {
        int tid = 0;
        using var ready = new ManualResetEventSlim();
        using var done = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            tid = CpuAffinity.CurrentThreadId();
            var start = ThreadCpuTime.CurrentThread();
            while ((ThreadCpuTime.CurrentThread() - start).TotalUs < 2_000)
            {
                Thread.SpinWait(100);
            }

            ready.Set();
            done.Wait(TimeSpan.FromSeconds(5));
        });
        thread.Start();
        Assert.True(ready.Wait(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));

        Assert.True(ThreadCpuTime.TryThreadNs(tid, out long ns));
        done.Set();
        thread.Join();
        Assert.InRange(ns, 2_000_000, 5_000_000_000);
        Assert.True(ThreadCpuTime.TryThreadNs(CpuAffinity.CurrentThreadId(), out long own) && own > 0);
        Assert.False(ThreadCpuTime.TryThreadNs(0x3FFFFFF, out _)); // above pid_max's ceiling (2^22): no such thread
    }

    [Fact]
    public void SysConf_ClockTicks_IsUserHz()
    {
        Assert.Equal(100, Libc.SysConf(Libc.ScClkTck));
    }
}
