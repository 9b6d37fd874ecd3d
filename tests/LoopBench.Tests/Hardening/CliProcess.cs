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

    /// <summary>
    /// Starts <c>dotnet loopbench.dll ARGS</c>; with <paramref name="openFiles"/>, under <c>ulimit -n</c>
    /// set by a shell that first closes every descriptor it inherited above stderr, as a login shell
    /// would have none: the test is about LoopBench's limit, not the descriptors its runner leaks.
    /// </summary>
    public static CliProcess Start(IEnumerable<string> args, int? openFiles = null, bool ignoreHangup = false)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "loopbench.dll");
        var start = WithDefaultInterrupt(SandboxChildCommand.LocateDotnetHost());
        if (ignoreHangup)
        {
            start.ArgumentList.Insert(1, "--ignore-signal=HUP"); // as nohup starts it
        }

        if (openFiles is int n)
        {
            start.ArgumentList.Insert(1, "bash");
            start.ArgumentList.Insert(2, "-c");
            start.ArgumentList.Insert(3, $"for fd in /proc/$$/fd/*; do n=${{fd##*/}}; (( n > 2 )) && eval \"exec $n>&-\"; done; ulimit -n {n} && exec \"$0\" \"$@\"");
        }

        start.ArgumentList.Add(dll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        return new CliProcess(Process.Start(start)!);
    }

    /// <summary>
    /// Runs <paramref name="program"/> under <c>env --default-signal=INT,HUP</c>: a test run started in the
    /// background of a script (or under nohup) inherits SIGINT (SIGHUP) ignored, and LoopBench honours
    /// that, so a SIGINT (SIGHUP) test would test nothing.
    /// </summary>
    public static ProcessStartInfo WithDefaultInterrupt(string program)
    {
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add("--default-signal=INT,HUP");
        start.ArgumentList.Add(program);
        return start;
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
