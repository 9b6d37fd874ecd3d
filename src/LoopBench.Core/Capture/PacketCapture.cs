using System.Diagnostics;
using LoopBench.Core.Results;

namespace LoopBench.Core.Capture;

/// <summary>
/// Optional packet capture for <c>--capture N</c>: runs <c>tcpdump -i lo -c N -w file</c> for one
/// case when tcpdump is installed; otherwise reports why it was skipped, and the run goes on.
/// The capture is bounded twice: by N packets, and by <see cref="Stop"/>, which ends that one
/// tcpdump process by its pid if it is still running.
/// </summary>
public sealed class PacketCapture : IDisposable
{
    // tcpdump needs a moment to open the device before the first packet it should see.
    private static readonly TimeSpan ReadyWait = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(2);

    private readonly Process? _process;

    private PacketCapture(Process? process, string path, int packets, string? skipReason)
    {
        _process = process;
        Path = path;
        Packets = packets;
        SkipReason = skipReason;
    }

    /// <summary>Where the pcap goes.</summary>
    public string Path { get; }

    /// <summary>The packet bound N.</summary>
    public int Packets { get; }

    /// <summary>Why there is no capture, or null while capturing.</summary>
    public string? SkipReason { get; }

    /// <summary>Starts a capture, or returns one that is skipped with the reason. Never throws for a missing tool.</summary>
    public static PacketCapture Start(string path, int packets, string device = "lo", string? tcpdumpPath = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(packets);
        string? tcpdump = tcpdumpPath ?? FindOnPath("tcpdump");
        if (tcpdump is null)
        {
            return new PacketCapture(null, path, packets, "tcpdump is not installed (not on PATH); capture skipped");
        }

        var start = new ProcessStartInfo(tcpdump) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-i", device, "-c", packets.ToString(System.Globalization.CultureInfo.InvariantCulture), "-w", path, "-U", "-n" })
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            var process = Process.Start(start)!;
            process.BeginErrorReadLine(); // keep its stderr pipe from filling
            process.BeginOutputReadLine();
            if (process.WaitForExit(ReadyWait))
            {
                return new PacketCapture(null, path, packets, $"tcpdump exited at once with code {process.ExitCode}; capture skipped");
            }

            return new PacketCapture(process, path, packets, null);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new PacketCapture(null, path, packets, $"cannot start tcpdump: {ex.Message}; capture skipped");
        }
    }

    /// <summary>Stops the capture (if N packets have not ended it already) and reports it.</summary>
    public CaptureResult Stop()
    {
        if (_process is null)
        {
            return new CaptureResult("skipped", null, Packets, SkipReason);
        }

        if (!_process.WaitForExit(ExitWait))
        {
            _process.Kill(); // this tcpdump only, by its pid
            _process.WaitForExit(ExitWait);
        }

        bool written = File.Exists(Path);
        return new CaptureResult(written ? "written" : "failed", written ? Path : null, Packets,
            written ? null : "tcpdump wrote no file");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
        }

        _process?.Dispose();
    }

    private static string? FindOnPath(string tool)
    {
        string path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/sbin"]))
        {
            string candidate = System.IO.Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
