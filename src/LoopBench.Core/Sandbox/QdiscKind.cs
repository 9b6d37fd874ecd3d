namespace LoopBench.Core.Sandbox;

/// <summary>The root qdisc put on lo. Names in text are tc's (pfifo_fast, fq_codel).</summary>
public enum QdiscKind
{
    /// <summary>Leave lo as the kernel made it (noqueue on a fresh namespace's lo).</summary>
    Default,

    /// <summary>No queue at all.</summary>
    Noqueue,

    /// <summary>FIFO with a packet limit.</summary>
    Pfifo,

    /// <summary>FIFO with a byte limit.</summary>
    Bfifo,

    /// <summary>Three-band priority FIFO.</summary>
    PfifoFast,

    /// <summary>Token bucket shaper: rate, burst, latency.</summary>
    Tbf,

    /// <summary>Hierarchical token bucket: one rate class with a pfifo or bfifo child.</summary>
    Htb,

    /// <summary>Network emulator (delay); often not built.</summary>
    Netem,

    /// <summary>Fair queue (pacing); often not built.</summary>
    Fq,

    /// <summary>Fair queue with CoDel AQM; often not built.</summary>
    FqCodel,

    /// <summary>Stochastic fairness queueing; often not built.</summary>
    Sfq,

    /// <summary>CAKE (Common Applications Kept Enhanced), unshaped: flow isolation and AQM; often not built.</summary>
    Cake,
}

/// <summary>tc names of <see cref="QdiscKind"/>.</summary>
public static class QdiscKinds
{
    /// <summary>Every kind with its tc name.</summary>
    public static IReadOnlyList<(QdiscKind Kind, string Name)> All { get; } =
    [
        (QdiscKind.Default, "default"), (QdiscKind.Noqueue, "noqueue"), (QdiscKind.Pfifo, "pfifo"),
        (QdiscKind.Bfifo, "bfifo"), (QdiscKind.PfifoFast, "pfifo_fast"), (QdiscKind.Tbf, "tbf"),
        (QdiscKind.Htb, "htb"), (QdiscKind.Netem, "netem"), (QdiscKind.Fq, "fq"), (QdiscKind.FqCodel, "fq_codel"),
        (QdiscKind.Sfq, "sfq"), (QdiscKind.Cake, "cake"),
    ];

    /// <summary>tc's name for the kind, e.g. "fq_codel".</summary>
    public static string TcName(this QdiscKind kind) => All.First(k => k.Kind == kind).Name;

    /// <summary>Parses a tc name ("fq-codel" is accepted for "fq_codel").</summary>
    public static bool TryParse(string? text, out QdiscKind kind)
    {
        string name = (text ?? string.Empty).Trim().ToLowerInvariant().Replace('-', '_');
        foreach (var (k, n) in All)
        {
            if (n == name)
            {
                kind = k;
                return true;
            }
        }

        kind = QdiscKind.Default;
        return false;
    }
}
