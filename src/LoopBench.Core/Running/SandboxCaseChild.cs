using System.Text.Json;
using LoopBench.Core.Interop;

namespace LoopBench.Core.Running;

/// <summary>
/// The sandbox child's side (the hidden <c>__case</c> verb), inside the namespace that <c>unshare --net</c>
/// made for this whole process: reads the request, has <see cref="NamespaceMeasurement"/> run the case,
/// writes JSON lines back, and watches stdin for the parent's end. <see cref="SandboxedRunner"/> is the other side.
/// </summary>
internal static class SandboxCaseChild
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
    public static int Run(TextReader stdin, TextWriter stdout, TextWriter stderr, Action onParentGone, CancellationToken cancellation)
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

        var (result, report) = NamespaceMeasurement.Measure(request, Send, cancellation);
        Send(new SandboxChildMessage { Kind = SandboxChildMessage.Result, CaseResult = result, Sandbox = report });
        return 0;
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
