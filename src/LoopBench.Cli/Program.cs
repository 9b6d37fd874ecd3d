using System.Globalization;
using LoopBench.Core.Running;
using LoopBench.Core.Sandbox;

namespace LoopBench.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        if (args is [SandboxChildCommand.Verb, ..])
        {
            // Before anything touches Console or Process: the runtime's signal set-up, done on their
            // first use, would keep an inherited SIG_IGN of SIGINT for good.
            SandboxCaseChild.HearInterruptFromParent();
        }
        else if (args is [SandboxChildCommand.ServerEndVerb, ..])
        {
            ServerEndChild.IgnoreInterrupt();
        }

        // Every figure and file is written in invariant culture, whatever the user's locale.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        return CliApp.Run(args, Console.Out, Console.Error);
    }
}
