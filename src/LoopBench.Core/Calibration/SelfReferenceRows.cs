using LoopBench.Core.Engines;
using LoopBench.Core.Results;

namespace LoopBench.Core.Calibration;

/// <summary>
/// The calibrate rows whose reference is LoopBench itself (<see cref="CalibrationReference.LoopBenchBlocking"/>):
/// the other engines against the blocking one, batched UDP against unbatched, timestamps on against off.
/// No tool measures what these rows compare, so each pairs two LoopBench cases the way a tool row pairs
/// LoopBench with its tool.
/// </summary>
internal static class SelfReferenceRows
{
    /// <summary>Why the async, pipelines and networkstream engines are reported without a bound.</summary>
    private static readonly Dictionary<string, string> UnboundedEngines = new(StringComparer.Ordinal)
    {
        ["async"] = "no bound: the runtime's default completion dispatch hands each wait to a pool thread, costly on a small host",
        ["pipelines"] = "no bound: default completion dispatch as async, plus the pipes' scheduler hand-offs between reader and writer",
        ["networkstream"] = "no bound: default completion dispatch as async, through the Stream API",
    };

    /// <summary>An engine against LoopBench's blocking engine on tcp4 stream 128 KiB cubic, paired the same way as a tool.</summary>
    public static CalibrationRow EngineAgainstBlocking(string engine)
    {
        string? note = UnboundedEngines.GetValueOrDefault(engine);
        return Row($"engine-tcp4-fwd-cubic-{engine}", CalibrationCatalog.StreamSettings("tcp4", engine, reverse: false),
            CalibrationCatalog.StreamSettings("tcp4", "blocking", reverse: false), PlacementKind.Unpinned, CalibrationCatalog.Cubic,
            [Throughput(note is null ? CalibrationBound.AtLeast(0.85) : null)], note);
    }

    /// <summary>
    /// UDP 64 B stream in batches of 32 per sendmmsg/recvmmsg call, against the same stream one datagram
    /// per call, both LoopBench's blocking engine. Both send 64 B datagrams, so the ratio of received
    /// throughput is the ratio of received datagrams per second. With GSO: lo has no GRO stage of its own,
    /// so UDP_GRO on the receiver coalesces only what the sender hands the stack as one GSO send
    /// (udp-segment 64); the bound of 1.5 is on that row. Batching alone saves the system calls but not
    /// the stack's work per datagram, so its row is reported without a bound.
    /// </summary>
    public static IEnumerable<CalibrationRow> BatchedAgainstUnbatched()
    {
        var unbatched = CalibrationCatalog.Settings(("transport", "udp4"), ("length", "64"));
        yield return Row("engine-udp4-64B-batch32-gso-gro",
            [.. unbatched, .. CalibrationCatalog.Settings(("batch", "32"), ("udp-segment", "64"), ("udp-gro", "on"))], unbatched,
            PlacementKind.Unpinned, null, [Throughput(CalibrationBound.AtLeast(1.5))], null);
        yield return Row("engine-udp4-64B-batch32", [.. unbatched, .. CalibrationCatalog.Settings(("batch", "32"))], unbatched,
            PlacementKind.Unpinned, null, [Throughput(null)],
            "no bound: batching alone saves the system calls, not the stack's work per datagram, which dominates on lo");
    }

    /// <summary>
    /// Timestamps (issue 20): ping-pong 64 B on the split CPUs with kernel software timestamps on,
    /// against the same case with them off, both LoopBench's blocking engine. The decomposition is
    /// judged as it is, not as a ratio: the median over a repetition of (sum of components) / RTT has
    /// to lie within 0.97–1.03, or the stamps do not account for the round trip. The p50 ratio
    /// stamped/unstamped is what sampling costs, reported without a bound.
    /// </summary>
    public static CalibrationRow StampsAgainstUnstamped(string transport)
    {
        var unstamped = CalibrationCatalog.Settings(("transport", transport), ("pattern", "rr"), ("length", "64"));
        if (transport == "tcp4")
        {
            unstamped.Add(new("nodelay", "on"));
        }

        return Row($"stamps-{transport}-pp-64B-split", [.. unstamped, .. CalibrationCatalog.Settings(("timestamps", "on"))], unstamped,
            PlacementKind.Split, null,
            [
                new(MetricIds.StampSumOverRttMedian, MetricIds.StampSumOverRttMedian, CalibrationBound.Within(0.97, 1.03), Absolute: true),
                new(ToolFigures.RttP50Ns, MetricIds.RttP50Ns, null),
            ],
            "p50 without a bound: stamped/unstamped is what sampling 1 in 64 round trips costs, reported, not promised");
    }

    private static FigurePair Throughput(CalibrationBound? bound) => new(ToolFigures.ThroughputBitsPerSecond, MetricIds.ThroughputBitsPerSecond, bound);

    private static CalibrationRow Row(
        string id, List<KeyValuePair<string, string>> settings, List<KeyValuePair<string, string>> reference,
        PlacementKind placement, string? congestion, IReadOnlyList<FigurePair> figures, string? note) =>
        new(id, CalibrationReference.LoopBenchBlocking, "dotnet", "dotnet-runtime-10.0", settings, placement, congestion, figures, null, null)
        {
            LoopBenchReference = reference,
            Note = note,
        };
}
