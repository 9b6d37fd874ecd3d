using System.Diagnostics;
using System.Security.Cryptography;
using LoopBench.Core.Safety;

namespace LoopBench.Core.Calibration;

/// <summary>
/// The C busy-poll reference loop, tools/pingpong/pingpong.c (issue 20): found beside the assembly
/// (the build copies it there) or in the repository checkout above it, and compiled with <c>cc -O2</c>
/// once per source version into a private cache directory. Calibrate's cloop rows run it.
/// </summary>
internal static class PingPongTool
{
    /// <summary>The source's path relative to the repository root and to the build output.</summary>
    public static readonly string SourceRelativePath = Path.Combine("tools", "pingpong", "pingpong.c");

    private static readonly TimeSpan CompileTimeout = TimeSpan.FromSeconds(60);
    private static readonly Lock Gate = new();
    private static string? _binary;

    /// <summary>The compiled program's path once <see cref="Prepare"/> succeeded; null before.</summary>
    public static string? BinaryPath
    {
        get
        {
            lock (Gate)
            {
                return _binary;
            }
        }
    }

    /// <summary>
    /// Finds the source and compiles it unless an up-to-date build is cached. Returns why the loop
    /// cannot run here (no source, the compiler failed), or null when <see cref="BinaryPath"/> is ready.
    /// </summary>
    public static string? Prepare()
    {
        lock (Gate)
        {
            if (_binary is not null && File.Exists(_binary))
            {
                return null;
            }

            if (FindSource(AppContext.BaseDirectory) is not string source)
            {
                return $"the C reference loop's source ({SourceRelativePath}) is neither beside {AppContext.BaseDirectory} nor in a checkout above it";
            }

            if (Build(source, CacheRoot(), out string binary) is string failure)
            {
                return failure;
            }

            _binary = binary;
            return null;
        }
    }

    /// <summary>
    /// Compiles <paramref name="source"/> into a private directory under <paramref name="cacheRoot"/> named by
    /// the source's hash, unless that build exists. Returns why it failed, or null with <paramref name="binary"/> ready.
    /// </summary>
    internal static string? Build(string source, string cacheRoot, out string binary)
    {
        byte[] text = File.ReadAllBytes(source);
        string version = Convert.ToHexStringLower(SHA256.HashData(text))[..16];
        string directory = PrivateDirectory.Ensure(Path.Combine(cacheRoot, "pingpong-" + version), "pingpong build directory");
        binary = Path.Combine(directory, "pingpong");
        return File.Exists(binary) ? null : Compile(source, directory, binary);
    }

    /// <summary>tools/pingpong/pingpong.c beside <paramref name="start"/> or in the nearest directory above it that has one; null if none.</summary>
    internal static string? FindSource(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, SourceRelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>$XDG_CACHE_HOME/loopbench, else ~/.cache/loopbench: per user, so nobody else can plant a binary there.</summary>
    private static string CacheRoot()
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string root = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(string.IsNullOrEmpty(home) ? Path.GetTempPath() : home, ".cache");
        return Path.Combine(root, "loopbench");
    }

    /// <summary>cc -O2 into a temporary name, then renamed, so a half-written binary is never run. Returns why it failed, or null.</summary>
    private static string? Compile(string source, string directory, string binary)
    {
        string partial = Path.Combine(directory, $"pingpong.{Environment.ProcessId}.tmp");
        var info = new ProcessStartInfo("cc") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in new[] { "-O2", "-o", partial, source, "-lpthread" })
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start cc");
            var stdout = process.StandardOutput.ReadToEndAsync();
            string stderr = process.StandardError.ReadToEnd();
            if (!process.WaitForExit(CompileTimeout))
            {
                process.Kill(entireProcessTree: true);
                return $"cc did not compile {source} within {CompileTimeout.TotalSeconds:0} s";
            }

            stdout.GetAwaiter().GetResult();
            if (process.ExitCode != 0)
            {
                return $"cc -O2 {source} failed ({process.ExitCode}): {stderr.Trim().Split('\n').LastOrDefault()}";
            }

            File.Move(partial, binary, overwrite: true);
            return null;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"cc could not be run: {ex.Message}";
        }
        finally
        {
            File.Delete(partial);
        }
    }
}
