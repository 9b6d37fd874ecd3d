using LoopBench.Core.Engines;
using LoopBench.Core.Interop;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running;

/// <summary>
/// processes: 2, the server child's coordinator: watches its worker until the parent closes the
/// window, sends progress while measuring, then waits for the worker to stop and sends the result.
/// </summary>
internal static class ServerEndCoordinator
{
    /// <summary>How often the child looks at its worker and, while measuring, reports progress.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    /// <summary>How long the child waits for the window's close beyond warm-up and window, before it gives up.</summary>
    private static readonly TimeSpan CloseAllowance = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Open and close on the parent's word, progress, then the result, with the knob records
    /// <paramref name="serverKnobs"/> gives once the worker stopped. Returns a failure, or null after the result was sent.
    /// </summary>
    public static string? Measure(
        Case c, ServerEndParentLink parent, WorkloadEnd end, WorkerHandle worker, ServerEndWindowControl control, TimeSpan drain,
        Func<IReadOnlyList<KnobResult>> serverKnobs)
    {
        var window = control.Window;
        var cpus = new SortedSet<int>();
        var allowance = TimeSpan.FromMilliseconds(c.WarmupMs + c.DurationMs) + CloseAllowance;
        var deadline = DateTime.UtcNow + allowance;
        while (true)
        {
            Observe(cpus, worker);
            var message = parent.Next(Tick);
            if (message is null)
            {
                // An end that met end of stream waits for the close, already on its way (the parent
                // says close before its sender stops); one that failed is reported at once.
                if (worker.Completion.IsCompleted && (end.Failure ?? worker.Completion.Exception?.InnerException?.Message) is string failure)
                {
                    return $"{end.Name} stopped before the window closed: {failure}";
                }

                if (DateTime.UtcNow > deadline)
                {
                    return $"the parent did not close the window within {allowance.TotalSeconds:0} s";
                }

                if (window.IsMeasuring && c.IntervalMs > 0)
                {
                    var (bytes, messages, transactions) = end.Counters.Read();
                    parent.Send(new ServerEndMessage { Kind = ServerEndMessage.Progress, Bytes = bytes, Messages = messages, Transactions = transactions });
                }

                continue;
            }

            if (message.Kind == ServerEndMessage.Close)
            {
                break;
            }
        }

        Observe(cpus, worker);
        try
        {
            if (!worker.Completion.Wait(drain))
            {
                return $"{end.Name} did not stop within {drain.TotalSeconds:0} s after the window closed";
            }
        }
        catch (AggregateException ex)
        {
            return $"{end.Name}: {ex.InnerException?.Message}";
        }

        var counters = end.Channel.Counters;
        parent.Send(new ServerEndMessage
        {
            Kind = ServerEndMessage.Result,
            Pid = Environment.ProcessId,
            Bytes = end.Counters.Bytes,
            Messages = end.Counters.Messages,
            Transactions = end.Counters.Transactions,
            Calls = new ServerEndCalls(counters.SendCalls, counters.ReceiveCalls, counters.ShortSends, counters.ShortReceives, counters.SyncCompletions, counters.AsyncCompletions) { SpinHits = counters.SpinHits, SpinMisses = counters.SpinMisses, ReceiveLowatBytes = counters.ReceiveLowatBytes },
            ServerKnobs = serverKnobs(),
            QuickAckRearms = end.Counters.QuickAckRearms,
            QuickAckRefused = end.Counters.QuickAckRefused,
            T0Ticks = window.T0Ticks,
            T1Ticks = window.T1Ticks,
            ThreadId = worker.ThreadId,
            ThreadCpuNs = control.ThreadCpuNs,
            ProcessUserUs = control.ProcessCpu.UserUs,
            ProcessSystemUs = control.ProcessCpu.SystemUs,
            CpusObserved = [.. cpus],
            RunQueueWaitNs = control.Scheduling?.WaitNs,
            Timeslices = control.Scheduling?.Timeslices,
            Failure = end.Failure,
        });
        return null;
    }

    private static void Observe(SortedSet<int> cpus, WorkerHandle worker)
    {
        int cpu = worker.ThreadId > 0 ? CpuAffinity.LastCpuOf(worker.ThreadId) : -1;
        if (cpu >= 0)
        {
            cpus.Add(cpu);
        }
    }
}
