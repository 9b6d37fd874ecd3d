using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running.Patterns;

/// <summary>The registry of pattern units: one line per pattern.</summary>
internal static class TrafficPatterns
{
    private static readonly Dictionary<PatternKind, ITrafficPattern> ByKind = new ITrafficPattern[]
    {
        new OneWayPattern(PatternKind.Stream, EndRole.Client),
        new OneWayPattern(PatternKind.Reverse, EndRole.Server),
        new BidirPattern(),
        new RrPattern(),
        new ConnectionPattern(PatternKind.Crr, () => new ConnectRequestResponseWorkload()),
        new RrUnderLoadPattern(),
        new SendfilePattern(),
        new ConnectionPattern(PatternKind.Cc, () => new ConnectCloseWorkload()),
    }.ToDictionary(p => p.Kind);

    /// <summary>The unit of <paramref name="kind"/>.</summary>
    public static ITrafficPattern Of(PatternKind kind) =>
        ByKind.TryGetValue(kind, out var pattern) ? pattern : throw new ArgumentOutOfRangeException(nameof(kind), kind, "no unit registered for this pattern");
}
