using LoopBench.Cli.Verbs;
using LoopBench.Core.Running;

namespace LoopBench.Cli.Commands;

/// <summary>
/// The sandbox child: reads the request from stdin, measures inside its namespace, writes JSON
/// lines to stdout. Exits as soon as stdin reaches EOF (the parent is gone); Ctrl-C or SIGTERM
/// abandons the case and reports what was measured.
/// </summary>
internal sealed class InternalCaseCommand(TextReader stdin, TextWriter stdout, TextWriter stderr)
{
    public int Execute(InternalCaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var signals = new Terminal.SignalCancellation();
        return SandboxCaseChild.Run(stdin, stdout, stderr, ParentGone, signals.Token);
    }

    // Never outlive the parent: a child left running would keep its namespace and CPU busy.
    private static void ParentGone() => Environment.Exit(SandboxCaseChild.ParentGoneExitCode);
}
