using LoopBench.Cli;

namespace LoopBench.Tests.Fixtures;

/// <summary>Runs the CLI in process and captures both streams.</summary>
internal static class CliHarness
{
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
