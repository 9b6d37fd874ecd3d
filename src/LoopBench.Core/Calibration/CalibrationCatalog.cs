using System.Globalization;
using LoopBench.Core.Engines;
using LoopBench.Core.Interop;
using LoopBench.Core.Results;

namespace LoopBench.Core.Calibration;

/// <summary>
/// The rows calibrate runs: iperf3 TCP stream on 127.0.0.1 and ::1, forward and reverse, cubic and
/// the system default, unpinned and (cubic) split across two CPUs; iperf3 UDP 64 B and 1400 B;
/// iperf2 -P 4; sockperf TCP and UDP ping-pong 64 B, same-cpu and split; nuttcp TCP stream;
/// spin mode against the C busy-poll loop of tools/pingpong (tcp4, udp4, unix-stream, 64 B, split);
/// timestamps on against off (tcp4, udp4 ping-pong 64 B, split), their decomposition judged as it is;
/// each other engine against LoopBench's blocking engine on the main stream case; and UDP 64 B in batches
/// of 32 (with GSO and UDP_GRO, and alone) against LoopBench's own unbatched UDP (never against a tool that sends one
/// datagram per call, which would credit the batching to the harness). Sizes and NODELAY
/// match the tools' (128 KiB writes, NODELAY off for stream, on for ping-pong, as sockperf sets it).
/// Each figure carries its bound.
/// </summary>
internal static class CalibrationCatalog
{
    /// <summary>Write size of the stream rows: 128 KiB, iperf3's TCP default.</summary>
    public const int StreamWriteBytes = 128 * 1024;

    /// <summary>The congestion control the cubic rows set per socket.</summary>
    internal const string Cubic = "cubic";

    /// <summary>
    /// The rows of <paramref name="rows"/> whose id contains any of the comma-separated terms of
    /// <paramref name="filter"/> (case-insensitive), in catalog order; all rows for null.
    /// </summary>
    /// <exception cref="ArgumentException">A term matches no row; the message lists the known ids.</exception>
    public static IReadOnlyList<CalibrationRow> Select(IReadOnlyList<CalibrationRow> rows, string? filter)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (filter is null)
        {
            return rows;
        }

        string[] terms = filter.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        string[] unmatched = [.. terms.Where(t => !rows.Any(r => Matches(r, t)))];
        return terms.Length == 0 || unmatched.Length > 0
            ? throw new ArgumentException(
                $"no calibrate row matches '{(terms.Length == 0 ? filter : string.Join("', '", unmatched))}'; the rows are: {string.Join(", ", rows.Select(r => r.Id))}")
            : [.. rows.Where(r => terms.Any(t => Matches(r, t)))];
    }

    private static bool Matches(CalibrationRow row, string term) => row.Id.Contains(term, StringComparison.OrdinalIgnoreCase);

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
                    rows.Add(Iperf3Tcp(transport, address, reverse, cc, PlacementKind.Unpinned));
                }

                rows.Add(Iperf3Tcp(transport, address, reverse, Cubic, PlacementKind.Split));
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
        foreach (string transport in new[] { "tcp4", "udp4", "unix-stream" })
        {
            rows.Add(CLoopSpin(transport));
        }

        foreach (string transport in new[] { "tcp4", "udp4" })
        {
            rows.Add(SelfReferenceRows.StampsAgainstUnstamped(transport));
        }

        foreach (string engine in new[] { "async-inline", "pipelines-inline", "async", "pipelines", "networkstream" })
        {
            rows.Add(SelfReferenceRows.EngineAgainstBlocking(engine));
        }

        rows.AddRange(SelfReferenceRows.BatchedAgainstUnbatched());
        return rows;
    }

    /// <summary>
    /// iperf3 TCP stream. Split: LoopBench's split placement puts its client on the first allowed CPU
    /// and its server on the second (<see cref="Running.PlacementPlan"/>); iperf3 -A c,s pins its
    /// client and (through the control connection) its server to the same two.
    /// </summary>
    private static CalibrationRow Iperf3Tcp(string transport, string address, bool reverse, string? cc, PlacementKind placement)
    {
        bool split = placement == PlacementKind.Split;
        string id = $"iperf3-{transport}-{(reverse ? "rev" : "fwd")}-{cc ?? "default"}" + (split ? "-split" : string.Empty);
        return new CalibrationRow(id, CalibrationReference.Iperf3, "iperf3", "iperf3", StreamSettings(transport, "blocking", reverse), placement, cc,
            [Throughput()],
            t => new ToolInvocation(
                ["iperf3", "-s", "-B", address, "-p", Text(t.Port)],
                [.. Args("iperf3", "-c", address, "-p", Text(t.Port), "-t", Text(t.DurationSeconds), "-O", Text(t.WarmupSeconds),
                    "-l", Text(StreamWriteBytes), "-J"), .. reverse ? ["-R"] : Array.Empty<string>(), .. cc is null ? [] : new[] { "-C", cc },
                    .. split ? new[] { "-A", $"{Text(t.ClientCpu ?? 0)},{Text(t.ServerCpu ?? 1)}" } : []]),
            (string o, out IReadOnlyDictionary<string, double> f, out string e) => Iperf3Output.TryParse(o, udp: false, out f, out e))
        {
            ToolPinsItself = split,
        };
    }

    /// <summary>The case settings of the 128 KiB stream rows, NODELAY off as iperf3 leaves it.</summary>
    internal static List<KeyValuePair<string, string>> StreamSettings(string transport, string engine, bool reverse)
    {
        var settings = Settings(("transport", transport), ("engine", engine), ("length", Text(StreamWriteBytes)), ("nodelay", "off"));
        if (reverse)
        {
            settings.Add(new("pattern", "reverse"));
        }

        return settings;
    }

    private static CalibrationRow Iperf3Udp(int bytes) =>
        new($"iperf3-udp4-{bytes}B", CalibrationReference.Iperf3, "iperf3", "iperf3",
            Settings(("transport", "udp4"), ("length", Text(bytes))), PlacementKind.Unpinned, null,
            [new FigurePair(ToolFigures.DatagramsPerSecond, MetricIds.ThroughputBitsPerSecond, CalibrationBound.AtLeast(1.00), 1.0 / (8 * bytes)), Throughput()],
            t => new ToolInvocation(
                ["iperf3", "-s", "-B", "127.0.0.1", "-p", Text(t.Port)],
                Args("iperf3", "-c", "127.0.0.1", "-p", Text(t.Port), "-u", "-b", "0", "-l", Text(bytes),
                    "-t", Text(t.DurationSeconds), "-O", Text(t.WarmupSeconds), "-J")),
            (string o, out IReadOnlyDictionary<string, double> f, out string e) => Iperf3Output.TryParse(o, udp: true, out f, out e));

    private static CalibrationRow Iperf2Parallel(string? cc) =>
        new($"iperf2-tcp4-p4-{cc ?? "default"}", CalibrationReference.Iperf2, "iperf", "iperf",
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
            CalibrationReference.Sockperf, "sockperf", "sockperf", settings, placement, null,
            [
                new(ToolFigures.RttP50Ns, MetricIds.RttP50Ns, CalibrationBound.AtMost(1.05)),
                new(ToolFigures.RttP99Ns, MetricIds.RttP99Ns, CalibrationBound.AtMost(1.10)),
                new(ToolFigures.RttP999Ns, MetricIds.RttP999Ns, CalibrationBound.AtMost(1.25)),
                new(ToolFigures.TransactionsPerSecond, MetricIds.TransactionsPerSecond, CalibrationBound.AtLeast(0.95)),
            ],
            t => new ToolInvocation(
                [.. Args("sockperf", "sr"), .. protocol, "-i", "127.0.0.1", "-p", Text(t.Port)],
                [.. Args("sockperf", "pp"), .. protocol, "-i", "127.0.0.1", "-p", Text(t.Port), "-m", "64", "-t", Text(t.DurationSeconds), "--full-rtt"]),
            SockperfOutput.TryParse);
    }

    /// <summary>
    /// Spin mode against tools/pingpong, the minimal C busy-poll loop (issue 20): both ends poll with
    /// MSG_DONTWAIT on the split CPUs, 64 B each way. The C loop runs both ends in one process and
    /// pins them itself. Its source is compiled with cc on first use; without a compiler, or without
    /// the source, the row is skipped with the reason.
    /// </summary>
    private static CalibrationRow CLoopSpin(string transport)
    {
        var settings = Settings(("transport", transport), ("pattern", "rr"), ("length", "64"), ("spin", "on"));
        if (transport == "tcp4")
        {
            settings.Add(new("nodelay", "on")); // the C loop sets TCP_NODELAY on both ends
        }

        return new CalibrationRow($"cloop-{transport}-pp-64B-split-spin", CalibrationReference.CLoop, "cc", "gcc", settings, PlacementKind.Split, null,
            // issue 20's bound is on the median only; the tails of two spinners depend on what else the host runs
            [new(ToolFigures.RttP50Ns, MetricIds.RttP50Ns, CalibrationBound.AtMost(1.10))],
            t => new ToolInvocation(null,
                Args(PingPongTool.BinaryPath ?? "pingpong", "--transport", transport, "--mode", "spin", "--size", "64",
                    "--duration", Text(t.DurationSeconds), "--warmup", Text(t.WarmupSeconds),
                    "--cpus", $"{Text(t.ClientCpu ?? 0)},{Text(t.ServerCpu ?? 1)}")),
            PingPongOutput.TryParse)
        {
            ToolPinsItself = true,
            Unavailable = PingPongTool.Prepare,
        };
    }

    /// <summary>
    /// nuttcp's server has no bind option (it listens on 0.0.0.0), so both of its ends run inside a
    /// private network namespace that holds only lo: the wildcard is loopback there. The server is
    /// stopped by its pid inside that script and waited for, so its CPU time reaches ours as a reaped
    /// child's and the quiet-host gate does not count it as outside load; the namespace dies with it.
    /// </summary>
    private static CalibrationRow Nuttcp(string? cc) =>
        new($"nuttcp-tcp4-{cc ?? "default"}", CalibrationReference.Nuttcp, "nuttcp", "nuttcp",
            Settings(("transport", "tcp4"), ("length", Text(StreamWriteBytes)), ("nodelay", "off")), PlacementKind.Unpinned, cc, [Throughput()],
            t => new ToolInvocation(null, Args("unshare", "--net", "--", "sh", "-c",
                "ip link set lo up && " + (cc is null ? string.Empty : $"sysctl -qw net.ipv4.tcp_congestion_control={cc} && ")
                + $"{{ nuttcp -S --nofork -P {t.Port} -p {t.Port + 1} & s=$!; sleep 0.3; "
                + $"nuttcp -T{t.DurationSeconds} -l{StreamWriteBytes} -fparse -P {t.Port} -p {t.Port + 1} 127.0.0.1; rc=$?; kill $s; wait $s; exit $rc; }}")),
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
        string[] allowed = CongestionControlFiles.Allowed();
        return allowed.Contains(cc, StringComparer.Ordinal)
            ? null
            : $"nuttcp has no per-socket congestion option and a network namespace may only default to an allowed algorithm "
              + $"(net.ipv4.tcp_allowed_congestion_control: {string.Join(' ', allowed)}); add {cc} there on the host to run this row";
    }

    /// <summary>Stream throughput against a tool: at least the tool's.</summary>
    private static FigurePair Throughput() => new(ToolFigures.ThroughputBitsPerSecond, MetricIds.ThroughputBitsPerSecond, CalibrationBound.AtLeast(1.00));

    internal static List<KeyValuePair<string, string>> Settings(params (string Name, string Value)[] settings) =>
        settings.Select(s => new KeyValuePair<string, string>(s.Name, s.Value)).ToList();

    private static string[] Args(params string[] args) => args;

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
