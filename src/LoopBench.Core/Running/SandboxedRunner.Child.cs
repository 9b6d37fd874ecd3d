using System.Text.Json;
using LoopBench.Core.Interop;
using LoopBench.Core.Results;
using LoopBench.Core.Sandbox;

namespace LoopBench.Core.Running;

/// <summary>The child's half: runs inside the namespace that <c>unshare --net</c> made for this whole process.</summary>
public sealed partial class SandboxedRunner
{
    /// <summary>Exit code of a child whose stdin reached EOF: the parent is gone, the case is abandoned.</summary>
    public const int ParentGoneExitCode = 75;

    /// <summary>
    /// Makes SIGINT reach the child's handler even when the child inherited it ignored: the parent
    /// asks for "abandon the case and report" with SIGINT, and an ignored one would leave it to the
    /// grace-period kill, losing what was measured. Call first thing in Main: .NET's signal set-up,
    /// on the first use of Console, Process or PosixSignalRegistration, keeps an inherited SIG_IGN for good.
    /// </summary>
    public static void HearInterruptFromParent() => ProcessSignals.StopIgnoring(ProcessSignals.SigInt);

    /// <summary>
    /// Reads one request line from <paramref name="stdin"/>, applies and verifies the settings,
    /// runs the case with <see cref="Runner"/>, and writes JSON lines to <paramref name="stdout"/>.
    /// Then watches stdin: EOF calls <paramref name="onParentGone"/> (the CLI exits the process).
    /// Returns 0 when a result was written, 2 on a malformed request.
    /// </summary>
    public static int RunChild(TextReader stdin, TextWriter stdout, TextWriter stderr, Action onParentGone, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        SandboxChildRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<SandboxChildRequest>(Safety.BoundedInput.ReadLine(stdin, Safety.BoundedInput.MaxLineChars, "sandbox request") ?? "null", SandboxChildMessage.JsonOptions);
        }
        catch (Exception ex) when (ex is JsonException or Safety.InputTooLargeException)
        {
            stderr.WriteLine($"loopbench __case: malformed request: {ex.Message}");
            return 2;
        }

        if (request is null)
        {
            stderr.WriteLine("loopbench __case: no request on stdin (this verb is started by LoopBench itself)");
            return 2;
        }

        var watcher = new Thread(() => WatchParent(stdin, onParentGone)) { IsBackground = true, Name = "lb-parent-watch" };
        watcher.Start();
        var gate = new object();
        void Send(SandboxChildMessage m)
        {
            lock (gate)
            {
                stdout.WriteLine(JsonSerializer.Serialize(m, SandboxChildMessage.JsonOptions));
                stdout.Flush();
            }
        }

        var (result, report) = MeasureInNamespace(request, Send, cancellation);
        Send(new SandboxChildMessage { Kind = SandboxChildMessage.Result, CaseResult = result, Sandbox = report });
        return 0;
    }

    private static (CaseResult Result, SandboxReport? Report) MeasureInNamespace(SandboxChildRequest request, Action<SandboxChildMessage> send, CancellationToken cancellation)
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

    private static void WatchParent(TextReader stdin, Action onParentGone)
    {
        try
        {
            while (stdin.Read() >= 0)
            {
                // the parent never writes after the request; anything else is ignored
            }
        }
        catch (IOException)
        {
            // a broken pipe is EOF too
        }

        onParentGone();
    }
}
