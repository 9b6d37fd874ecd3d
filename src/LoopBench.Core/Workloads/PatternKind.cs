namespace LoopBench.Core.Workloads;

/// <summary>The traffic pattern of a case.</summary>
public enum PatternKind
{
    /// <summary>Bulk one-way transfer, client to server (paced datagrams on UDP and Unix datagram transports).</summary>
    [Id("stream")]
    Stream,

    /// <summary>Request/response ping-pong: N transactions outstanding, each round trip timed.</summary>
    [Id("rr")]
    Rr,

    /// <summary>Bulk one-way transfer, server to client (iperf3 -R).</summary>
    [Id("reverse")]
    Reverse,

    /// <summary>Both directions at once: two sockets per flow, or one with bidir-mode shared.</summary>
    [Id("bidir")]
    Bidir,

    /// <summary>Connect, request, response, close, repeated (netperf TCP_CRR).</summary>
    [Id("crr")]
    Crr,

    /// <summary>An open-loop rr flow at a set rate beside N stream flows; latency from the intended send time.</summary>
    [Id("rr-under-load")]
    RrUnderLoad,
}

/// <summary>What a pattern's cases measure.</summary>
public static class PatternKinds
{
    /// <summary>True for the patterns that time request/response transactions (rr, crr, rr-under-load).</summary>
    public static bool IsTransactional(this PatternKind pattern) => pattern is PatternKind.Rr or PatternKind.Crr or PatternKind.RrUnderLoad;
}
