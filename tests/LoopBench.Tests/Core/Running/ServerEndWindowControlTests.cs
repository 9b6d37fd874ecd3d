using LoopBench.Core.Engines;
using LoopBench.Core.Interop;
using LoopBench.Core.Running;

namespace LoopBench.Tests.Core.Running;

/// <summary>processes: 2: the child's window keeps its worker's run-queue figures when the worker leaves first.</summary>
public sealed class ServerEndWindowControlTests
{
    /// <summary>A receiver that meets end of stream before the parent's close leaves with its /proc entry; what it read on its way out stands.</summary>
    [Fact(Timeout = 15_000)]
    public void WorkerThatLeavesBeforeTheClose_KeepsItsRunQueueWaitAndTimeslices()
    {
        if (!File.Exists("/proc/self/schedstat"))
        {
            Assert.Skip("this kernel has no schedstats (/proc/self/schedstat)");
        }

        var control = new ServerEndWindowControl();
        var handle = new WorkerHandle("server", null);
        using var started = new ManualResetEventSlim();
        using var opened = new ManualResetEventSlim();
        var body = control.Timed(() =>
        {
            opened.Wait(TimeSpan.FromSeconds(10)); // put on a CPU again once the window opens: one timeslice at least
            return ValueTask.CompletedTask;
        });
        var thread = new Thread(() =>
        {
            handle.ThreadId = CpuAffinity.CurrentThreadId();
            started.Set();
            body().AsTask().Wait(TimeSpan.FromSeconds(10));
        });
        thread.Start();
        Assert.True(started.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        control.Worker = handle;

        control.Obey(ServerEndMessage.Open);
        opened.Set();
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)));
        SpinWait.SpinUntil(() => !Directory.Exists($"/proc/self/task/{handle.ThreadId}"), TimeSpan.FromSeconds(5));
        control.Obey(ServerEndMessage.Close);

        var scheduling = Assert.NotNull(control.Scheduling);
        Assert.True(scheduling.WaitNs >= 0, $"waited {scheduling.WaitNs} ns");
        Assert.True(scheduling.Timeslices > 0, $"{scheduling.Timeslices} timeslices");
        Assert.True(control.ThreadCpuNs > 0, $"{control.ThreadCpuNs} ns of the worker's CPU");
    }
}
