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
        using var opened = new ManualResetEventSlim(false, spinCount: 0); // blocks at once: no spin that could see the set while still on the CPU
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
        // Off the CPU before the window opens, so it must be put on one again after: a worker still
        // running from its start through its exit would add no timeslice, and that is not what this tests.
        Assert.True(SpinWait.SpinUntil(() => Sleeping(handle.ThreadId), TimeSpan.FromSeconds(10)), "the worker never blocked");
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

    /// <summary>The thread's state in /proc is S (interruptible sleep).</summary>
    private static bool Sleeping(int threadId)
    {
        string stat = File.ReadAllText($"/proc/self/task/{threadId}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('S');
    }
}
