using System.Globalization;
using LoopBench.Core.Engines;
using LoopBench.Core.Results;

namespace LoopBench.Core.Calibration;

/// <summary>
/// The rows calibrate runs (issue 10): iperf3 TCP stream on 127.0.0.1 and ::1, forward and
/// reverse, cubic and the system default; iperf3 UDP 64 B and 1400 B; iperf2 -P 4; sockperf TCP
/// and UDP ping-pong 64 B, same-cpu and split; nuttcp TCP stream; and the other engines on the
/// main stream row. Sizes and NODELAY match the tools' (128 KiB writes, NODELAY off for stream,
/// on for ping-pong, as sockperf sets it).
/// </summary>
public static class CalibrationCatalog
{
    /// <summary>Write size of the stream rows: 128 KiB, iperf3's TCP default.</summary>
    public const int StreamWriteBytes = 128 * 1024;

    private const string Cubic = "cubic";

    /// <summary>Every row, in the order they run.</summary>
    public static IReadOnlyList<CalibrationRow> All()
    {
        var rows = new List<CalibrationRow>();
        foreach (var (transport, address) in new[] { ("tcp4", "127.0.0.1"), ("tcp6", "::1") })
        {
            foreach (bool reverse in new[] { false, true })
            {
                foreach (string? cc in new[] { Cubic, null })
                {
                    rows.Add(Iperf3Tcp(transport, address, reverse, cc, "blocking"));
                }
            }
        }

        rows.Add(Iperf3Udp(64));
        rows.Add(Iperf3Udp(1400));
        rows.Add(Iperf2Parallel(Cubic));
        rows.Add(Iperf2Parallel(null));
        foreach (string transport in new[] { "tcp4", "udp4" })
        {
            foreach (var placement in new[] { PlacementKind.SameCpu, PlacementKind.Split })
            {
                rows.Add(SockperfPingPong(transport, placement));
            }
        }

        rows.Add(Nuttcp(Cubic));
        rows.Add(Nuttcp(null));
        foreach (string engine in new[] { "async", "async-inline", "pipelines", "networkstream" })
        {
            rows.Add(Iperf3Tcp("tcp4", "127.0.0.1", reverse: false, Cubic, engine));
        }

        return rows;
    }

    private static CalibrationRow Iperf3Tcp(string transport, string address, bool reverse, string? cc, string engine)
    {
        string id = $"iperf3-{transport}-{(reverse ? "rev" : "fwd")}-{cc ?? "default"}" + (engine == "blocking" ? string.Empty : "-" + engine);
        var settings = Settings(("transport", transport), ("engine", engine), ("length", Text(StreamWriteBytes)), ("nodelay", "off"));
        if (reverse)
        {
            settings.Add(new("pattern", "reverse"));
        }

        return new CalibrationRow(id, "iperf3", "iperf3", "iperf3", settings, PlacementKind.Unpinned, cc, [Throughput()],
            t => new ToolInvocation(
                ["iperf3", "-s", "-B", address, "-p", Text(t.Port)],
                [.. Args("iperf3", "-c", address, "-p", Text(t.Port), "-t", Text(t.DurationSeconds), "-O", Text(t.WarmupSeconds),
                    "-l", Text(StreamWriteBytes), "-J"), .. reverse ? ["-R"] : Array.Empty<string>(), .. cc is null ? [] : new[] { "-C", cc }]),
            (string o, out IReadOnlyDictionary<string, double> f, out string e) => Iperf3Output.TryParse(o, udp: false, out f, out e));
    }

    private static CalibrationRow Iperf3Udp(int bytes) =>
        new($"iperf3-udp4-{bytes}B", "iperf3", "iperf3", "iperf3",
            Settings(("transport", "udp4"), ("length", Text(bytes))), PlacementKind.Unpinned, null,
            [new FigurePair(ToolFigures.DatagramsPerSecond, MetricIds.ThroughputBitsPerSecond, 1.0 / (8 * bytes)), Throughput()],
            t => new ToolInvocation(
                ["iperf3", "-s", "-B", "127.0.0.1", "-p", Text(t.Port)],
                Args("iperf3", "-c", "127.0.0.1", "-p", Text(t.Port), "-u", "-b", "0", "-l", Text(bytes),
                    "-t", Text(t.DurationSeconds), "-O", Text(t.WarmupSeconds), "-J")),
            (string o, out IReadOnlyDictionary<string, double> f, out string e) => Iperf3Output.TryParse(o, udp: true, out f, out e));

    private static CalibrationRow Iperf2Parallel(string? cc) =>
        new($"iperf2-tcp4-p4-{cc ?? "default"}", "iperf2", "iperf", "iperf",
            Settings(("transport", "tcp4"), ("length", Text(StreamWriteBytes)), ("nodelay", "off"), ("parallel", "4")),
            PlacementKind.Unpinned, cc, [Throughput()],
            t => new ToolInvocation(
                ["iperf", "-s", "-B", "127.0.0.1", "-p", Text(t.Port)],
                [.. Args("iperf", "-c", "127.0.0.1", "-p", Text(t.Port), "-t", Text(t.DurationSeconds), "-l", Text(StreamWriteBytes),
                    "-P", "4", "-y", "C"), .. cc is null ? [] : new[] { "-Z", cc }]),
            Iperf2Output.TryParse);

    private static CalibrationRow SockperfPingPong(string transport, PlacementKind placement)
    {
        bool tcp = transport == "tcp4";
        string[] protocol = tcp ? ["--tcp"] : [];
        var settings = Settings(("transport", transport), ("pattern", "rr"), ("length", "64"));
        if (tcp)
        {
            settings.Add(new("nodelay", "on"));
        }

        return new CalibrationRow($"sockperf-{transport}-pp-64B-{(placement == PlacementKind.SameCpu ? "same-cpu" : "split")}",
            "sockperf", "sockperf", "sockperf", settings, placement, null,
            [
                new(ToolFigures.RttP50Ns, MetricIds.RttP50Ns), new(ToolFigures.RttP99Ns, MetricIds.RttP99Ns),
                new(ToolFigures.RttP999Ns, MetricIds.RttP999Ns), new(ToolFigures.TransactionsPerSecond, MetricIds.TransactionsPerSecond),
            ],
            t => new ToolInvocation(
                [.. Args("sockperf", "sr"), .. protocol, "-i", "127.0.0.1", "-p", Text(t.Port)],
                [.. Args("sockperf", "pp"), .. protocol, "-i", "127.0.0.1", "-p", Text(t.Port), "-m", "64", "-t", Text(t.DurationSeconds), "--full-rtt"]),
            SockperfOutput.TryParse);
    }

    /// <summary>
    /// nuttcp's server has no bind option (it listens on 0.0.0.0), so both of its ends run inside a
    /// private network namespace that holds only lo: the wildcard is loopback there. The server is
    /// stopped by its pid inside that script; the namespace dies with it.
    /// </summary>
    private static CalibrationRow Nuttcp(string? cc) =>
        new($"nuttcp-tcp4-{cc ?? "default"}", "nuttcp", "nuttcp", "nuttcp",
            Settings(("transport", "tcp4"), ("length", Text(StreamWriteBytes)), ("nodelay", "off")), PlacementKind.Unpinned, cc, [Throughput()],
            t => new ToolInvocation(null, Args("unshare", "--net", "--", "sh", "-c",
                "ip link set lo up && " + (cc is null ? string.Empty : $"sysctl -qw net.ipv4.tcp_congestion_control={cc} && ")
                + $"{{ nuttcp -S --nofork -P {t.Port} -p {t.Port + 1} & s=$!; sleep 0.3; "
                + $"nuttcp -T{t.DurationSeconds} -l{StreamWriteBytes} -fparse -P {t.Port} -p {t.Port + 1} 127.0.0.1; rc=$?; kill $s; exit $rc; }}")),
            NuttcpOutput.TryParse)
        {
            Unavailable = () => cc is null ? null : NamespaceDefaultRefused(cc),
        };

    /// <summary>
    /// nuttcp has no per-socket congestion option, so its row sets the namespace's default; the kernel
    /// lets a non-initial namespace default only to an algorithm in tcp_allowed_congestion_control.
    /// </summary>
    private static string? NamespaceDefaultRefused(string cc)
    {
        string allowed = File.Exists(AllowedCongestionPath) ? File.ReadAllText(AllowedCongestionPath).Trim() : string.Empty;
        return allowed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(cc, StringComparer.Ordinal)
            ? null
            : $"nuttcp has no per-socket congestion option and a network namespace may only default to an allowed algorithm "
              + $"(net.ipv4.tcp_allowed_congestion_control: {allowed}); add {cc} there on the host to run this row";
    }

    private const string AllowedCongestionPath = "/proc/sys/net/ipv4/tcp_allowed_congestion_control";

    private static FigurePair Throughput() => new(ToolFigures.ThroughputBitsPerSecond, MetricIds.ThroughputBitsPerSecond);

    private static List<KeyValuePair<string, string>> Settings(params (string Name, string Value)[] settings) =>
        settings.Select(s => new KeyValuePair<string, string>(s.Name, s.Value)).ToList();

    private static string[] Args(params string[] args) => args;

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
