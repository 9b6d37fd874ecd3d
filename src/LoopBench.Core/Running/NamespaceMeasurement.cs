using LoopBench.Core.Results;
using LoopBench.Core.Sandbox;

namespace LoopBench.Core.Running;

/// <summary>The sandbox child's measurement: the case run by <see cref="Runner"/> inside the namespace set up for it.</summary>
internal static class NamespaceMeasurement
{
    /// <summary>
    /// Applies and verifies the request's settings (when the child has a namespace of its own), runs
    /// the case, and reads back what the namespace had: link, per-qdisc counts over the run, sysctls.
    /// </summary>
    public static (CaseResult Result, SandboxReport? Report) Measure(SandboxChildRequest request, Action<SandboxChildMessage> send, CancellationToken cancellation)
    {
        var c = request.Case;
        if (!request.Isolated)
        {
            send(new SandboxChildMessage { Kind = SandboxChildMessage.Ready, Pid = System.Environment.ProcessId, NamespaceInode = NetworkNamespace.InodeOf("self") });
            return (ChildRunner(request.Options ?? new RunnerOptions(), send).RunCase(c, request.Repetitions, cancellation), null);
        }

        long inode;
        IReadOnlyList<string> commands;
        LinkState link;
        try
        {
            commands = NamespaceSetup.Apply(request.Settings, request.HostNamespaceInode);
            inode = NetworkNamespace.InodeOf("self");
            link = NamespaceSetup.ReadLink();
        }
        catch (SandboxSetupException ex)
        {
            return (new CaseResult(c.Key, c, CaseOutcome.FailedSandbox, ex.Message, []), null);
        }

        send(new SandboxChildMessage { Kind = SandboxChildMessage.Ready, Pid = System.Environment.ProcessId, NamespaceInode = inode });
        var keys = request.RecordSysctls.Concat(NamespaceSetup.SysctlsToWrite(request.Settings).Keys).Distinct(StringComparer.Ordinal);
        var sysctls = NamespaceSetup.ReadSysctls(keys);
        var before = NamespaceSetup.ReadQdiscs();
        var runner = ChildRunner(request.Options ?? new RunnerOptions(), send); // counters' scope: detected (NetworkNamespaceScope)
        var result = runner.RunCase(c, request.Repetitions, cancellation);
        var after = NamespaceSetup.ReadQdiscs();
        var qdiscs = after.Select(q => q.Minus(before.FirstOrDefault(b => b.Handle == q.Handle && b.Kind == q.Kind))).ToList();
        return (result, new SandboxReport(inode, link, qdiscs, sysctls, commands));
    }

    /// <summary>A runner whose intervals go to the parent as they happen.</summary>
    private static Runner ChildRunner(RunnerOptions options, Action<SandboxChildMessage> send)
    {
        var runner = new Runner(options);
        runner.IntervalCompleted += (_, index, sample) =>
            send(new SandboxChildMessage { Kind = SandboxChildMessage.Interval, Repetition = index, Sample = sample });
        return runner;
    }
}
