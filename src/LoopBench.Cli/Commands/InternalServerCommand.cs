using LoopBench.Cli.Verbs;
using LoopBench.Core.Running;

namespace LoopBench.Cli.Commands;

/// <summary>
/// The server child of a <c>processes: 2</c> case: reads the request and the window's open and close
/// from stdin, writes JSON lines to stdout. Exits as soon as stdin reaches EOF (the parent is gone).
/// It ignores SIGINT (<see cref="ServerEndChild.IgnoreInterrupt"/>, from Main).
/// </summary>
internal sealed class InternalServerCommand(TextReader stdin, TextWriter stdout, TextWriter stderr)
{
    public int Execute(InternalServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ServerEndChild.Run(stdin, stdout, stderr, ParentGone);
    }

    // Never outlive the parent: a server left running would hold its port and CPU.
    private static void ParentGone() => Environment.Exit(SandboxCaseChild.ParentGoneExitCode);
}
