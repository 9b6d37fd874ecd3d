namespace LoopBench.Core.Transports;

/// <summary>
/// Bad input, caught before any socket exists: each message names the knob, the value and what
/// the kernel accepts. The CLI maps a non-empty list to exit 2; a scenario to a failed case.
/// </summary>
internal static class SocketKnobValidation
{
    /// <summary>The largest buffer request the kernel can double without overflowing an int (INT_MAX / 2).</summary>
    public const int MaxBufferBytes = int.MaxValue / 2;

    /// <summary>Largest UDP_SEGMENT: a segment must fit one IPv4 datagram on lo (65535 − 20 − 8).</summary>
    public const int MaxUdpSegmentBytes = 65_507;

    /// <summary>All problems with <paramref name="knobs"/> on <paramref name="transportId"/>; empty when fine.</summary>
    public static IReadOnlyList<string> Validate(SocketKnobs knobs, string transportId, KernelNetLimits limits)
    {
        ArgumentNullException.ThrowIfNull(knobs);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new List<string>();
        void Check(bool ok, string message)
        {
            if (!ok)
            {
                errors.Add(message);
            }
        }

        Check(knobs.SendBufferBytes is null or (> 0 and <= MaxBufferBytes),
            SocketKnobText.Invariant($"SO_SNDBUF={knobs.SendBufferBytes} is out of range: 1 to {MaxBufferBytes} bytes (the kernel doubles it)"));
        Check(knobs.ReceiveBufferBytes is null or (> 0 and <= MaxBufferBytes),
            SocketKnobText.Invariant($"SO_RCVBUF={knobs.ReceiveBufferBytes} is out of range: 1 to {MaxBufferBytes} bytes (the kernel doubles it)"));
        Check(knobs.MaxSegmentBytes is null or (>= KernelNetLimits.MinMssBytes and <= KernelNetLimits.MaxMssBytes),
            SocketKnobText.Invariant($"TCP_MAXSEG={knobs.MaxSegmentBytes} is out of range: the kernel accepts {KernelNetLimits.MinMssBytes} to {KernelNetLimits.MaxMssBytes}"));
        Check(knobs.CongestionControl is null || limits.CongestionChoices().Contains(knobs.CongestionControl, StringComparer.Ordinal),
            limits.UnknownCongestionMessage(knobs.CongestionControl ?? string.Empty));
        Check(knobs.NotSentLowatBytes is null or >= 0, SocketKnobText.Invariant($"TCP_NOTSENT_LOWAT={knobs.NotSentLowatBytes} must not be negative"));
        Check(knobs.BusyPollUs is null or >= 0, SocketKnobText.Invariant($"SO_BUSY_POLL={knobs.BusyPollUs} must not be negative"));
        Check(knobs.MaxPacingRateBytesPerSecond is null or >= 0,
            SocketKnobText.Invariant($"SO_MAX_PACING_RATE={knobs.MaxPacingRateBytesPerSecond} must not be negative"));
        Check(knobs.TrafficClass is null or (>= 0 and <= 255), SocketKnobText.Invariant($"IP_TOS={knobs.TrafficClass} is out of range: 0 to 255"));
        Check(knobs.UdpSegmentBytes is null or (> 0 and <= MaxUdpSegmentBytes),
            SocketKnobText.Invariant($"UDP_SEGMENT={knobs.UdpSegmentBytes} is out of range: 1 to {MaxUdpSegmentBytes} bytes"));
        foreach (var id in knobs.Requested())
        {
            var (verdict, reason) = SocketKnobApplicability.Check(id, transportId, limits.LoQdisc);
            Check(verdict != KnobVerdict.Rejected, $"{id.KernelName(SocketKnobApplicability.IsIpv6(transportId))} on {transportId}: {reason}");
        }

        return errors;
    }
}
