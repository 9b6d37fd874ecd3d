namespace LoopBench.Core.Transports;

/// <summary>Each knob's requested value, its unit and its human form, in one place for results, notes and evidence.</summary>
internal static class SocketKnobValues
{
    /// <summary>The number asked for <paramref name="id"/> (0/1 for a switch).</summary>
    public static long RequestedNumber(SocketKnobId id, SocketKnobs k) => id switch
    {
        SocketKnobId.SendBuffer => k.SendBufferBytes!.Value,
        SocketKnobId.ReceiveBuffer => k.ReceiveBufferBytes!.Value,
        SocketKnobId.NoDelay => k.NoDelay!.Value ? 1 : 0,
        SocketKnobId.MaxSegment => k.MaxSegmentBytes!.Value,
        SocketKnobId.NotSentLowat => k.NotSentLowatBytes!.Value,
        SocketKnobId.Cork => k.Cork!.Value ? 1 : 0,
        SocketKnobId.QuickAck => k.QuickAck!.Value ? 1 : 0,
        SocketKnobId.BusyPoll => k.BusyPollUs!.Value,
        SocketKnobId.MaxPacingRate => k.MaxPacingRateBytesPerSecond!.Value,
        SocketKnobId.TrafficClass => k.TrafficClass!.Value,
        SocketKnobId.UdpSegment => k.UdpSegmentBytes!.Value,
        _ => 0,
    };

    /// <summary>What was asked, as text, number (null for a name) and unit.</summary>
    public static (string Text, long? Value, KnobUnit Unit) Requested(SocketKnobId id, SocketKnobs k) =>
        id == SocketKnobId.CongestionControl
            ? (k.CongestionControl!, null, KnobUnit.Name)
            : (Format(id, RequestedNumber(id, k)), RequestedNumber(id, k), UnitOf(id));

    /// <summary>The unit results record for <paramref name="id"/>.</summary>
    public static KnobUnit UnitOf(SocketKnobId id) => id switch
    {
        SocketKnobId.SendBuffer or SocketKnobId.ReceiveBuffer or SocketKnobId.MaxSegment
            or SocketKnobId.NotSentLowat or SocketKnobId.UdpSegment => KnobUnit.Bytes,
        SocketKnobId.NoDelay or SocketKnobId.Cork or SocketKnobId.QuickAck => KnobUnit.Bool,
        SocketKnobId.BusyPoll => KnobUnit.Microseconds,
        SocketKnobId.MaxPacingRate => KnobUnit.BytesPerSecond,
        SocketKnobId.TrafficClass => KnobUnit.Tos,
        _ => KnobUnit.Name,
    };

    /// <summary>A value of <paramref name="id"/> in words, by its unit.</summary>
    public static string Format(SocketKnobId id, long value) => UnitOf(id) switch
    {
        KnobUnit.Bytes => SocketKnobText.Bytes(value),
        KnobUnit.Bool => SocketKnobText.OnOff(value != 0),
        KnobUnit.Microseconds => SocketKnobText.Microseconds(value),
        KnobUnit.BytesPerSecond => SocketKnobText.Rate(value),
        KnobUnit.Tos => SocketKnobText.Tos(value),
        _ => SocketKnobText.Invariant($"{value}"),
    };
}
