using System.Diagnostics;
using System.Text;
using LoopBench.Core.Sandbox;

namespace LoopBench.Tests.Hardening;

/// <summary>The real <c>loopbench</c> (the loopbench.dll copied beside the tests) as a child process, so signals and rlimits are real.</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _stdout = new();

    private CliProcess(Process process)
    {
        Process = process;
        process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet loopbench.dll ARGS</c>; with <paramref name="openFiles"/>, under <c>ulimit -n</c> set by a shell that then execs it.</summary>
    public static CliProcess Start(IEnumerable<string> args, int? openFiles = null)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "loopbench.dll");
        var start = new ProcessStartInfo(openFiles is null ? SandboxChildCommand.LocateDotnetHost() : "sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        if (openFiles is int n)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"ulimit -n {n} && exec \"$0\" \"$@\"");
            start.ArgumentList.Add(SandboxChildCommand.LocateDotnetHost());
        }

        start.ArgumentList.Add(dll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        return new CliProcess(Process.Start(start)!);
    }

    /// <summary>Waits for the exit; false when it did not come within <paramref name="timeout"/>.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!Process.WaitForExit(timeout))
        {
            return false;
        }

        Process.WaitForExit(); // drains the redirected streams
        return true;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit(5_000);
        }

        Process.Dispose();
    }

    private static void Append(StringBuilder to, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (to)
        {
            to.AppendLine(line);
        }
    }
}
