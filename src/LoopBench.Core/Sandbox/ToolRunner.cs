using System.Diagnostics;

namespace LoopBench.Core.Sandbox;

/// <summary>What a helper (ip, tc, sh) printed and how it ended.</summary>
/// <param name="ExitCode">Exit status; -1 when it could not start or was killed on timeout.</param>
/// <param name="Stdout">Everything it wrote on stdout.</param>
/// <param name="Stderr">Everything it wrote on stderr, or why it did not run.</param>
internal sealed record ToolOutput(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>True for exit status 0.</summary>
    public bool Ok => ExitCode == 0;
}

/// <summary>
/// Runs short-lived helpers (ip, tc, sh, lsns) with a deadline. A helper that outlives it is
/// killed by its pid: a live helper inside a namespace would keep that namespace alive.
/// </summary>
internal static class ToolRunner
{
    /// <summary>Deadline for one ip or tc call; they take milliseconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs argv[0] with the rest as arguments; <paramref name="stdin"/> is written then closed.</summary>
    public static ToolOutput Run(IReadOnlyList<string> argv, TimeSpan? timeout = null, string? stdin = null)
    {
        ArgumentNullException.ThrowIfNull(argv);
        var start = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (string arg in argv.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        Process? process = null;
        try
        {
            process = Process.Start(start);
            if (process is null)
            {
                return new ToolOutput(-1, string.Empty, $"{argv[0]} did not start");
            }

            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (stdin is not null)
            {
                process.StandardInput.Write(stdin);
                process.StandardInput.Close();
            }

            if (!process.WaitForExit(timeout ?? DefaultTimeout))
            {
                process.Kill(entireProcessTree: true);
                return new ToolOutput(-1, string.Empty, $"{string.Join(' ', argv)} did not finish within {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s; killed pid {process.Id}");
            }

            process.WaitForExit(); // drains the redirected streams
            return new ToolOutput(process.ExitCode, stdout.Result, stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new ToolOutput(-1, string.Empty, $"{argv[0]}: {ex.Message}");
        }
        finally
        {
            process?.Dispose();
        }
    }

    /// <summary>Runs a command and throws <see cref="SandboxSetupException"/> with its stderr when it fails.</summary>
    public static string RunChecked(IReadOnlyList<string> argv, TimeSpan? timeout = null)
    {
        var output = Run(argv, timeout);
        return output.Ok
            ? output.Stdout
            : throw new SandboxSetupException($"'{string.Join(' ', argv)}' failed (exit {output.ExitCode}): {output.Stderr.Trim()}");
    }

    /// <summary>The full path of <paramref name="tool"/> on PATH, or null when it is not installed.</summary>
    public static string? Which(string tool)
    {
        foreach (string dir in (System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"]))
        {
            string candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
