namespace LoopBench.Core.Transports;

/// <summary>The unit a knob's requested and effective numbers are in (run.json's knob <c>unit</c>).</summary>
internal enum KnobUnit
{
    /// <summary>Bytes: buffers, MSS, marks, segment sizes.</summary>
    [Id("bytes")]
    Bytes,

    /// <summary>A switch: 1 on, 0 off.</summary>
    [Id("bool")]
    Bool,

    /// <summary>Microseconds (SO_BUSY_POLL).</summary>
    [Id("us")]
    Microseconds,

    /// <summary>Bytes per second (SO_MAX_PACING_RATE).</summary>
    [Id("bytes-per-second")]
    BytesPerSecond,

    /// <summary>The IP_TOS / IPV6_TCLASS byte.</summary>
    [Id("tos")]
    Tos,

    /// <summary>A name, with no number (TCP_CONGESTION).</summary>
    [Id("name")]
    Name,
}
