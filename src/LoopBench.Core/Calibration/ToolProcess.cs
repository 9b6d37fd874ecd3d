using System.ComponentModel;
using System.Diagnostics;

namespace LoopBench.Core.Calibration;

/// <summary>
/// Runs the tools: a server kept for a row and stopped by its process id, and a client per
/// repetition whose stdout is the result. <c>taskset -c</c> pins a process when the placement asks.
/// </summary>
internal static class ToolProcess
{
    /// <summary>True when <paramref name="executable"/> is on PATH.</summary>
    public static bool IsInstalled(string executable) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, executable)));

    /// <summary>
    /// Starts a long-running server, its output discarded. Where util-linux's setpriv exists the
    /// server gets SIGKILL when its parent goes (PR_SET_PDEATHSIG, kept across exec), so a calibrate
    /// killed outright leaves no tool listening behind it. The kernel sends it when the thread that
    /// started the server ends: calibrate starts servers from the thread that runs its rows.
    /// </summary>
    public static Process StartServer(IReadOnlyList<string> args, int? cpu)
    {
        ArgumentNullException.ThrowIfNull(args);
        var info = Info(IsInstalled("setpriv") ? ["setpriv", "--pdeathsig", "KILL", "--", .. args] : args, cpu);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {args[0]}");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Stops a server by its pid (never by name) and reaps it.</summary>
    public static void Stop(Process server)
    {
        try
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: false);
                server.WaitForExit(2_000);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception)
        {
            // it exited between the check and the kill
        }
        finally
        {
            server.Dispose();
        }
    }

    /// <summary>Runs a client to completion; its stdout, or an error with stderr's last line.</summary>
    public static (bool Ok, string Stdout, string Error) RunClient(IReadOnlyList<string> args, int? cpu, TimeSpan timeout)
    {
        var info = Info(args, cpu);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {args[0]}");
        string tool = args[0];
        var stdout = Task.Factory.StartNew(
            () => Safety.BoundedInput.ReadToEnd(process.StandardOutput, Safety.BoundedInput.MaxToolOutputChars, $"{tool}'s output"), TaskCreationOptions.LongRunning);
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(2_000);
            return (false, string.Empty, stdout.Exception?.InnerException is Safety.InputTooLargeException tooLarge
                ? tooLarge.Message
                : $"{args[0]} did not finish within {timeout.TotalSeconds:0} s");
        }

        process.WaitForExit();
        string output = stdout.GetAwaiter().GetResult();
        string error = stderr.GetAwaiter().GetResult().Trim();
        bool ok = process.ExitCode == 0;
        string lastLine = error.Split('\n').LastOrDefault() ?? string.Empty;
        return (ok, output, ok ? string.Empty : $"{args[0]} exited with {process.ExitCode}: {lastLine}");
    }

    private static ProcessStartInfo Info(IReadOnlyList<string> args, int? cpu)
    {
        var all = cpu is int c ? new List<string> { "taskset", "-c", c.ToString(System.Globalization.CultureInfo.InvariantCulture) } : [];
        all.AddRange(args);
        var info = new ProcessStartInfo(all[0]) { UseShellExecute = false };
        foreach (string arg in all.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }
}
