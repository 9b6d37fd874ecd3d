namespace LoopBench.Core.Sandbox;

/// <summary>The root qdisc put on lo. Its ids are tc's names (pfifo_fast, fq_codel).</summary>
internal enum QdiscKind
{
    /// <summary>Leave lo as the kernel made it (noqueue on a fresh namespace's lo).</summary>
    [Id("default")]
    Default,

    /// <summary>No queue at all.</summary>
    [Id("noqueue")]
    Noqueue,

    /// <summary>FIFO with a packet limit.</summary>
    [Id("pfifo")]
    Pfifo,

    /// <summary>FIFO with a byte limit.</summary>
    [Id("bfifo")]
    Bfifo,

    /// <summary>Three-band priority FIFO.</summary>
    [Id("pfifo_fast")]
    PfifoFast,

    /// <summary>Token bucket shaper: rate, burst, latency.</summary>
    [Id("tbf")]
    Tbf,

    /// <summary>Hierarchical token bucket: one rate class with a pfifo or bfifo child.</summary>
    [Id("htb")]
    Htb,

    /// <summary>Network emulator (delay); often not built.</summary>
    [Id("netem")]
    Netem,

    /// <summary>Fair queue (pacing); often not built.</summary>
    [Id("fq")]
    Fq,

    /// <summary>Fair queue with CoDel AQM; often not built.</summary>
    [Id("fq_codel")]
    FqCodel,

    /// <summary>Stochastic fairness queueing; often not built.</summary>
    [Id("sfq")]
    Sfq,

    /// <summary>CAKE (Common Applications Kept Enhanced), unshaped: flow isolation and AQM; often not built.</summary>
    [Id("cake")]
    Cake,
}

/// <summary>tc names of <see cref="QdiscKind"/>.</summary>
internal static class QdiscKinds
{
    /// <summary>tc's name for the kind, e.g. "fq_codel": its id.</summary>
    public static string TcName(this QdiscKind kind) => kind.ToId();

    /// <summary>Parses a tc name ("fq-codel" is accepted for "fq_codel").</summary>
    public static bool TryParse(string? text, out QdiscKind kind)
    {
        string name = (text ?? string.Empty).Trim().ToLowerInvariant().Replace('-', '_');
        return EnumIds.TryParse(name, out kind);
    }
}
