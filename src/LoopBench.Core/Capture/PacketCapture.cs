using System.Diagnostics;
using System.Globalization;
using LoopBench.Core.Interop;
using LoopBench.Core.Results;
using LoopBench.Core.Safety;

namespace LoopBench.Core.Capture;

/// <summary>
/// Optional packet capture for <c>--capture N</c>: runs <c>tcpdump -i lo -c N -w file FILTER</c>
/// for one case when tcpdump is installed, where the filter keeps only the case's own packets
/// (<see cref="CaptureScope"/>); otherwise reports why it was skipped, and the run goes on.
/// The capture is bounded twice: by N packets, and by <see cref="Stop"/>, which ends that one
/// tcpdump process by its pid if it is still running. The result says how many packets the file holds.
/// </summary>
internal sealed class PacketCapture : IDisposable
{
    /// <summary>tcpdump says "listening on" once the device is open; it usually takes tens of ms.</summary>
    private static readonly TimeSpan ReadyWait = TimeSpan.FromSeconds(2);

    /// <summary>After the case: time for packets already on their way to tcpdump (immediate mode) to be written.</summary>
    private static readonly TimeSpan SettleWait = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan PollStep = TimeSpan.FromMilliseconds(10);
    private const int StderrTailLines = 3;

    private readonly Process? _process;
    private readonly Queue<string> _stderrTail = new();
    private readonly ManualResetEventSlim _ready = new();
    private bool _disposed;

    private PacketCapture(Process? process, string path, int packets, string? filter, string? skipReason)
    {
        _process = process;
        Path = path;
        Packets = packets;
        Filter = filter;
        SkipReason = skipReason;
    }

    /// <summary>Where the pcap goes.</summary>
    public string Path { get; }

    /// <summary>The packet bound N.</summary>
    public int Packets { get; }

    /// <summary>The tcpdump filter; null when nothing is captured.</summary>
    public string? Filter { get; }

    /// <summary>Why there is no capture, or null while capturing.</summary>
    public string? SkipReason { get; }

    /// <summary>Starts a capture of <paramref name="scope"/>, or returns one that is skipped with the reason. Never throws for a missing tool.</summary>
    public static PacketCapture Start(string path, int packets, CaptureScope scope, string device = "lo", string? tcpdumpPath = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(packets);
        if (scope.Filter is not string filter)
        {
            return new PacketCapture(null, path, packets, null, $"{scope.Refusal}; capture skipped");
        }

        string? tcpdump = tcpdumpPath ?? FindOnPath("tcpdump");
        if (tcpdump is null)
        {
            return new PacketCapture(null, path, packets, null, "tcpdump is not installed (not on PATH); capture skipped");
        }

        var start = new ProcessStartInfo(tcpdump) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in Arguments(path, packets, device, filter))
        {
            start.ArgumentList.Add(arg);
        }

        // tcpdump creates the file anew, so it is owned by the user it writes as (-Z root: this one)
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new PacketCapture(null, path, packets, null, $"cannot start tcpdump: {ex.Message}; capture skipped");
        }

        var capture = new PacketCapture(process, path, packets, filter, null);
        process.ErrorDataReceived += (_, e) => capture.KeepStderr(e.Data);
        process.BeginErrorReadLine(); // keep its stderr pipe from filling
        process.BeginOutputReadLine();
        var waited = Stopwatch.StartNew();
        while (!capture._ready.Wait(PollStep) && !process.HasExited && waited.Elapsed < ReadyWait)
        {
            // a tcpdump that exits with 0 has already captured its N packets: that is a capture, not a skip
        }

        if (!process.HasExited || process.ExitCode == 0)
        {
            return capture;
        }

        process.WaitForExit(); // it has exited: this only waits for the end of its stderr
        string reason = $"tcpdump exited at once with code {process.ExitCode} ({capture.StderrTail()}); capture skipped";
        capture.Dispose();
        return new PacketCapture(null, path, packets, null, reason);
    }

    /// <summary>tcpdump's arguments: packet-buffered (-U) and immediate, so what the case sent is in the file when it is stopped.</summary>
    internal static IReadOnlyList<string> Arguments(string path, int packets, string device, string filter)
    {
        var args = new List<string> { "-i", device, "-c", packets.ToString(CultureInfo.InvariantCulture), "-w", path, "-U", "-n", "--immediate-mode" };
        if (PathStatus.EffectiveUid == 0)
        {
            args.AddRange(["-Z", "root"]); // as root, tcpdump would otherwise write as its own user (Debian: tcpdump)
        }

        args.Add(filter);
        return args;
    }

    /// <summary>Stops the capture (if N packets have not ended it already) and reports what the file holds.</summary>
    public CaptureResult Stop()
    {
        if (_process is null)
        {
            return new CaptureResult(CaptureOutcome.Skipped, null, Packets, SkipReason);
        }

        if (!_process.WaitForExit(SettleWait))
        {
            ProcessSignals.Send(_process.Id, ProcessSignals.SigInt); // this tcpdump only, by its pid: it flushes and exits
            if (!_process.WaitForExit(ExitWait))
            {
                _process.Kill();
                _process.WaitForExit(ExitWait);
            }
        }

        var counted = File.Exists(Path) ? PcapFile.Count(Path) : null;
        if (counted is not var (packets, bytes))
        {
            string why = File.Exists(Path) ? "tcpdump's file is not a pcap" : "tcpdump wrote no file";
            return new CaptureResult(CaptureOutcome.Failed, null, Packets, $"{why} ({StderrTail()})") { Filter = Filter };
        }

        return new CaptureResult(CaptureOutcome.Written, Path, Packets, null) { Packets = packets, FileBytes = bytes, Filter = Filter };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
        }

        _process?.Dispose();
        lock (_stderrTail)
        {
            _disposed = true; // the stderr reader may still see a late line
            _ready.Dispose();
        }
    }

    private void KeepStderr(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stderrTail)
        {
            if (line.Contains("listening on", StringComparison.Ordinal) && !_disposed)
            {
                _ready.Set();
            }

            _stderrTail.Enqueue(line);
            while (_stderrTail.Count > StderrTailLines)
            {
                _stderrTail.Dequeue();
            }
        }
    }

    private string StderrTail()
    {
        lock (_stderrTail)
        {
            return _stderrTail.Count == 0 ? "no output" : string.Join(" | ", _stderrTail);
        }
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
