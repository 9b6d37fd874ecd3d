namespace LoopBench.Core.Measurement;

/// <summary>What a latency histogram measures; a repetition's latency figures are of one kind.</summary>
internal enum LatencyKind
{
    /// <summary>rr: request sent to response read.</summary>
    [Id("rtt")]
    Rtt = 1,

    /// <summary>rr-under-load: from each request's scheduled send time, so a stall cannot hide (coordinated omission).</summary>
    [Id("rtt-from-intended")]
    RttFromIntended = 2,

    /// <summary>crr: connect, request, response and close.</summary>
    [Id("transaction")]
    Transaction = 3,

    /// <summary>Datagram stream: send to receive, both ends on one clock.</summary>
    [Id("one-way")]
    OneWay = 4,
}
