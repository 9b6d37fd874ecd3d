using System.Reflection;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Workloads;

/// <summary>The traffic pattern of a case.</summary>
// public: test theories take it as a parameter, and xUnit test methods must be public
public enum PatternKind
{
    /// <summary>Bulk one-way transfer, client to server (paced datagrams on UDP and Unix datagram transports).</summary>
    [Id("stream")]
    [PatternTraits(Bulk = true, OneWay = true, CopiesBuffers = true, SplitsAcrossProcesses = true)]
    Stream,

    /// <summary>Request/response ping-pong: N transactions outstanding, each round trip timed.</summary>
    [Id("rr")]
    [PatternTraits(Transactional = true, Burst = true, SplitsAcrossProcesses = true)]
    Rr,

    /// <summary>Bulk one-way transfer, server to client (iperf3 -R).</summary>
    [Id("reverse")]
    [PatternTraits(Bulk = true, OneWay = true, CopiesBuffers = true, SplitsAcrossProcesses = true)]
    Reverse,

    /// <summary>Both directions at once: two sockets per flow, or one with bidir-mode shared.</summary>
    [Id("bidir")]
    [PatternTraits(Bulk = true, BothWays = true, CopiesBuffers = true)]
    Bidir,

    /// <summary>Connect, request, response, close, repeated (netperf TCP_CRR).</summary>
    [Id("crr")]
    [PatternTraits(Transactional = true, CountsConnections = true)]
    Crr,

    /// <summary>An open-loop rr flow at a set rate beside N stream flows; latency from the intended send time.</summary>
    [Id("rr-under-load")]
    [PatternTraits(Transactional = true, OpenLoop = true, LoadFlows = true)]
    RrUnderLoad,

    /// <summary>Bulk one-way transfer, client to server, the client sending a file with sendfile(2) (netperf TCP_SENDFILE).</summary>
    [Id("sendfile")]
    [PatternTraits(Bulk = true, OneWay = true, Transports = [TransportKind.Tcp4, TransportKind.Tcp6, TransportKind.UnixStream])]
    Sendfile,

    /// <summary>Connect, then close, no data, repeated (netperf TCP_CC): connections/s and connect latency.</summary>
    [Id("cc")]
    [PatternTraits(Transactional = true, CountsConnections = true, Dataless = true)]
    Cc,
}

/// <summary>What a pattern's cases measure, as its <see cref="PatternTraitsAttribute"/> declares.</summary>
internal static class PatternKinds
{
    private static readonly Dictionary<PatternKind, PatternTraitsAttribute> ByKind = Enum.GetValues<PatternKind>().ToDictionary(
        k => k,
        k => typeof(PatternKind).GetField(k.ToString())!.GetCustomAttribute<PatternTraitsAttribute>()
            ?? throw new InvalidOperationException($"PatternKind.{k} declares no [PatternTraits]"));

    /// <summary>The traits <paramref name="pattern"/> declares.</summary>
    public static PatternTraitsAttribute Traits(this PatternKind pattern) =>
        ByKind.TryGetValue(pattern, out var traits) ? traits : throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "unknown pattern");

    /// <summary>True for the patterns that time request/response transactions (rr, crr, rr-under-load).</summary>
    public static bool IsTransactional(this PatternKind pattern) => pattern.Traits().Transactional;

    /// <summary>
    /// The ids of the patterns whose traits satisfy <paramref name="has"/>, in declaration order, as
    /// "a, b or c": messages name the patterns from their traits, so a new pattern appears in them.
    /// </summary>
    public static string IdsWhere(Func<PatternTraitsAttribute, bool> has)
    {
        ArgumentNullException.ThrowIfNull(has);
        string[] ids = [.. ByKind.Where(kv => has(kv.Value)).Select(kv => kv.Key.ToId())];
        return ids.Length <= 1 ? string.Concat(ids) : $"{string.Join(", ", ids[..^1])} or {ids[^1]}";
    }

    /// <summary>The id of the first pattern whose traits satisfy <paramref name="has"/>, for a "use --pattern X" hint.</summary>
    public static string FirstIdWhere(Func<PatternTraitsAttribute, bool> has) =>
        ByKind.First(kv => has(kv.Value)).Key.ToId();

    /// <summary>Why <paramref name="pattern"/> does not run on <paramref name="transport"/>, or null when it does.</summary>
    public static string? TransportRefusal(this PatternKind pattern, TransportKind transport)
    {
        var traits = pattern.Traits();
        return traits.Supports(transport)
            ? null
            : $"{pattern.ToId()} does not run on {transport.ToId()}; use {string.Join(", ", traits.Transports.Select(t => t.ToId()))}";
    }
}
