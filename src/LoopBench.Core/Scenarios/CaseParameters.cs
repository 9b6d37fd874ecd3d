using System.Globalization;
using LoopBench.Core.Engines;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Scenarios;

/// <summary>One named case parameter: how text becomes a field of <see cref="Case"/>.</summary>
/// <param name="Name">The name used by YAML keys and <c>--set name=value</c>.</param>
/// <param name="Description">One line for help and errors.</param>
/// <param name="Value">What text it takes: the kind, allowed ids and range (the scenario schema is generated from it).</param>
/// <param name="Apply">Returns the case with the value set; throws <see cref="ParameterException"/> on bad text.</param>
internal sealed record CaseParameter(string Name, string Description, ParameterValue Value, Func<Case, string, Case> Apply);

/// <summary>
/// The registry of case parameters. Quick flags, scenario keys and <c>--set</c> all go through it,
/// so a parameter is parsed and checked in exactly one place.
/// </summary>
internal static partial class CaseParameters
{
    /// <summary>The text <see cref="Cpus"/> accepts: "N" or "N,M".</summary>
    private const string CpusPattern = @"^\s*[0-9]+\s*(,\s*[0-9]+\s*)?$";

    /// <summary>Every parameter, in key order.</summary>
    public static IReadOnlyList<CaseParameter> All { get; } =
    [
        new("transport", "tcp4, tcp6, udp4, udp6, unix-stream, unix-dgram or unix-seqpacket", ParameterValue.Choice<TransportKind>(), (c, v) => c with { Transport = Kind<TransportKind>("transport", v) }),
        new("pattern", PatternKinds.IdsWhere(_ => true), ParameterValue.Choice<PatternKind>(), (c, v) => c with { Pattern = Kind<PatternKind>("pattern", v) }),
        new("engine", "how bytes move: blocking, async, async-inline, pipelines, pipelines-inline or networkstream", ParameterValue.Choice<EngineKind>(), (c, v) => c with { Engine = Kind<EngineKind>("engine", v) }),
        new("placement", "unpinned, same-cpu, split or cpus", ParameterValue.Choice<PlacementKind>(), (c, v) => c with { Placement = Kind<PlacementKind>("placement", v) }),
        new("cpus", "N[,M]: pin the client end to CPU N and the server end to CPU M, or leave the server unpinned without M (iperf3 -A); implies placement cpus", ParameterValue.Matching(CpusPattern), Cpus),
        new("bind", "loopback address the server binds (127.0.0.0/8 or ::1)", ParameterValue.Text, (c, v) => c with { Bind = v.Trim() }),
        new("port", "server port, 0 for any free port", ParameterValue.Integer(), (c, v) => c with { Port = Int("port", v) }),
        new("unix-dir", "parent directory of the private Unix socket directory", ParameterValue.Text, (c, v) => c with { UnixDirectory = v }),
        new("unix-abstract", "Unix transports: abstract namespace name instead of a path (on/off); default off", ParameterValue.Switch, (c, v) => c with { UnixAbstract = Bool("unix-abstract", v) }),
        new("source", "loopback address the client binds (127.0.0.0/8 or ::1); default: the kernel's choice", ParameterValue.Text, (c, v) => c with { Source = v.Trim() }),
        new("parallel", "parallel flows (-P); rr-under-load: stream flows beside the rr flow; default 1", ParameterValue.Integer(1, CasePatternRules.MaxParallel), (c, v) => c with { Parallel = Int("parallel", v) }),
        new("processes", "1: both ends in this process; 2: the server end in a child LoopBench process (stream, reverse, rr over tcp4, tcp6, unix-stream); default 1", ParameterValue.Integer(1, 2), (c, v) => c with { Processes = Int("processes", v) }),
        new("receive-spin", "blocking engine, one-way receivers (bytes or datagrams): non-blocking recv calls before blocking, 0 to block at once; default 64; 0 when both ends share a CPU, several TCP flows move (parallel, bidir) or a TCP receiver has a receive-lowat", ParameterValue.Integer(0, CaseReceiveSpinRules.MaxReceiveSpin), (c, v) => c with { ReceiveSpin = Int("receive-spin", v) }),
        new("receive-lowat", "TCP one-way receivers, every engine: SO_RCVLOWAT in bytes, the data the socket gathers before it wakes the receiver, 0 for the kernel's 1 byte; default 0 (one flow's receive spin keeps it awake), 64K for a flow held to a rate (a shaping qdisc, max-pacing-rate)", ParameterValue.Size(0, CaseReceiveSpinRules.MaxReceiveLowatBytes), (c, v) => c with { ReceiveLowatBytes = Lowat("receive-lowat", v) }),
        new("spin", $"{PatternKinds.IdsWhere(t => t.ClosedLoopTransactions)} (datagram rr included) on the blocking engine: both ends poll non-blocking sockets instead of sleeping (on/off); needs both ends pinned (split, same-cpu, cpus N,M); default off", ParameterValue.Switch, (c, v) => c with { Spin = Bool("spin", v) }),
        new("bidir-mode", "bidir: two-sockets or shared; default two-sockets", ParameterValue.Choice<BidirMode>(), (c, v) => c with { BidirMode = Kind<BidirMode>("bidir-mode", v) }),
        new("bytes", "count-based stream (-n): bytes to send in all, instead of a time", ParameterValue.Size(1), (c, v) => c with { ByteLimit = Count("bytes", v) }),
        new("transactions", $"count-based {PatternKinds.IdsWhere(t => t.ClosedLoopTransactions)} (-k): transactions in all, instead of a time", ParameterValue.Size(1), (c, v) => c with { TransactionLimit = Count("transactions", v) }),
        new("inflight", "rr: transactions outstanding per connection; default 1", ParameterValue.Integer(1, CasePatternRules.MaxInflight), (c, v) => c with { Inflight = Int("inflight", v) }),
        new("close", $"{PatternKinds.IdsWhere(t => t.CountsConnections)}: client, server or rst (SO_LINGER 0); default client", ParameterValue.Choice<CloseMode>(), (c, v) => c with { Close = Kind<CloseMode>("close", v) }),
        new("bitrate", "datagram stream pacing per flow in bit/s of payload (-b), e.g. 100M; 0 = as fast as possible", ParameterValue.Rate, (c, v) => c with { BitsPerSecond = Rate("bitrate", v) }),
        new("pps", "datagram stream pacing per flow in datagrams/s; 0 = as fast as possible", ParameterValue.Rate, (c, v) => c with { PacketsPerSecond = Rate("pps", v) }),
        new("rate", "rr-under-load: requests/s of the open-loop rr flow; default 1000", ParameterValue.Rate, (c, v) => c with { RequestsPerSecond = Rate("rate", v) }),
        new("rr-timeout", "datagram rr: wait for a response before counting it lost; default 100ms", ParameterValue.Duration, (c, v) => c with { RrTimeoutMs = Duration("rr-timeout", v) }),
        new("length", "bytes per send (stream), or both rr sizes", MessageSize, (c, v) => c with { MessageBytes = Size("length", v) }),
        new("request-size", "rr request bytes", MessageSize, (c, v) => c with { RequestBytes = Size("request-size", v) }),
        new("response-size", "rr response bytes", MessageSize, (c, v) => c with { ResponseBytes = Size("response-size", v) }),
        new("nodelay", "TCP_NODELAY: on or off", ParameterValue.Switch, (c, v) => c with { NoDelay = Bool("nodelay", v) }),
        new("time", "measured window, e.g. 10 (s), 500ms", ParameterValue.Duration, (c, v) => c with { DurationMs = Duration("time", v) }),
        new("warmup", "warm-up before the window", ParameterValue.Duration, (c, v) => c with { WarmupMs = Duration("warmup", v) }),
        new("interval", "progress interval, 0 for none", ParameterValue.Duration, (c, v) => c with { IntervalMs = Interval(v) }),
        .. KnobParameters(),
        .. SandboxCaseParameters(),
    ];

    /// <summary>A message size as <see cref="Size"/> accepts it.</summary>
    private static ParameterValue MessageSize => ParameterValue.Size(1, Case.MaxMessageBytes);

    /// <summary>Sets parameter <paramref name="name"/> from text, or throws <see cref="ParameterException"/>.</summary>
    public static Case Apply(Case target, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parameter = All.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)) ?? SysctlParameter(name);
        if (parameter is null)
        {
            throw new ParameterException(name, ScenarioLoader.UnknownKey("parameter", name, All.Select(p => p.Name).ToList()));
        }

        return parameter.Apply(target, value ?? string.Empty);
    }

    /// <summary>"N" or "N,M" (iperf3 -A): the client's CPU and, if given, the server's.</summary>
    private static Case Cpus(Case c, string text)
    {
        string[] parts = text.Split(',');
        if (parts.Length is < 1 or > 2 || parts.Any(p => !int.TryParse(p.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            throw new ParameterException("cpus", $"'{text}' is not N or N,M; give the client's CPU and optionally the server's, e.g. 0 or 0,1");
        }

        int client = int.Parse(parts[0].Trim(), CultureInfo.InvariantCulture);
        int? server = parts.Length == 2 ? int.Parse(parts[1].Trim(), CultureInfo.InvariantCulture) : null;
        return c with { ClientCpu = client, ServerCpu = server };
    }

    private static T Kind<T>(string name, string text)
        where T : struct, Enum =>
        KindNames.TryParse(text, out T value) ? value : throw new ParameterException(name, KindNames.UnknownMessage<T>(name, text));

    /// <summary>A receive low-water mark: a size with suffixes, 0 allowed (the kernel's default of 1 byte).</summary>
    private static int Lowat(string name, string text)
    {
        if (!ValueParsers.TryParseBytes(text, out long bytes, out string error))
        {
            throw new ParameterException(name, error);
        }

        return bytes is >= 0 and <= CaseReceiveSpinRules.MaxReceiveLowatBytes
            ? (int)bytes
            : throw new ParameterException(name, $"{bytes} bytes is out of range; use 0 to 4 MiB");
    }

    private static int Size(string name, string text)
    {
        if (!ValueParsers.TryParseBytes(text, out long bytes, out string error))
        {
            throw new ParameterException(name, error);
        }

        if (bytes < 1 || bytes > Case.MaxMessageBytes)
        {
            throw new ParameterException(name, $"{bytes} bytes is out of range; use 1 B to 64 MiB");
        }

        return (int)bytes;
    }

    private static long Count(string name, string text)
    {
        if (!ValueParsers.TryParseBytes(text, out long value, out string error))
        {
            throw new ParameterException(name, error);
        }

        return value >= 1 ? value : throw new ParameterException(name, $"{value} is out of range; give a positive count, e.g. 1G or 100000");
    }

    /// <summary>A rate with SI suffixes (k, M, G = 10^3, 10^6, 10^9), as iperf3's -b.</summary>
    private static long Rate(string name, string text)
    {
        string trimmed = text.Trim();
        double factor = 1;
        char last = trimmed.Length > 0 ? char.ToLowerInvariant(trimmed[^1]) : ' ';
        if (last is 'k' or 'm' or 'g')
        {
            factor = last switch { 'k' => 1e3, 'm' => 1e6, _ => 1e9 };
            trimmed = trimmed[..^1];
        }

        return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value >= 0 && value * factor < 1e13
            ? (long)Math.Round(value * factor)
            : throw new ParameterException(name, $"'{text}' is not a rate; use e.g. 0, 500, 100k, 2.5M, 1G");
    }

    /// <summary>
    /// A whole number of milliseconds, at least <see cref="CaseRangeRules.MinIntervalMs"/>, or 0 for none:
    /// a value that rounds to 0 ms (1ns, 0.0001) is refused rather than read as "off".
    /// </summary>
    private static long Interval(string text)
    {
        long ms = Duration("interval", text);
        return ms == 0 && !ValueParsers.IsZeroDuration(text)
            ? throw new ParameterException("interval", $"'{text}' is shorter than 1 ms; use 0 for no intervals, or {CaseRangeRules.MinIntervalMs} ms or more")
            : ms;
    }

    private static long Duration(string name, string text) =>
        ValueParsers.TryParseDurationMs(text, out long ms, out string error) ? ms : throw new ParameterException(name, error);

    private static int Int(string name, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new ParameterException(name, $"'{text}' is not a whole number");

    private static bool Bool(string name, string text) => text.Trim().ToLowerInvariant() switch
    {
        "on" or "true" or "yes" or "1" => true,
        "off" or "false" or "no" or "0" => false,
        _ => throw new ParameterException(name, $"'{text}' is not on/off"),
    };
}
