using LoopBench.Core.Engines;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Scenarios;

/// <summary>Socket knobs, zero-copy and skip-copy: bad values name the knob and what the kernel offers.</summary>
internal static class CaseKnobRules
{
    private static readonly Lazy<KernelNetLimits> HostLimits = new(() => KernelNetLimits.Read());

    /// <summary>The host limits knobs are checked against (read once from /proc/sys).</summary>
    public static KernelNetLimits Limits => HostLimits.Value;

    public static void Check(Case c, List<CaseError> errors)
    {
        string transport = c.Transport.ToId();
        if (c.ClientKnobs.Requested().Any() || c.ServerKnobs.Requested().Any())
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (side, knobs) in new[] { ("client", c.ClientKnobs), ("server", c.ServerKnobs) })
            {
                foreach (var id in knobs.Requested())
                {
                    bool same = c.ClientKnobs.IsRequested(id) && Only(c.ClientKnobs, id) == Only(c.ServerKnobs, id);
                    string parameter = same ? id.ToId() : $"{side}-{id.ToId()}";
                    foreach (string message in SocketKnobValidation.Validate(Only(knobs, id), transport, Limits))
                    {
                        if (seen.Add(parameter + message))
                        {
                            errors.Add(new(parameter, message));
                        }
                    }
                }
            }
        }

        bool tcpStream = c.Transport.IsTcp() && c.Pattern.Traits().CopiesBuffers;
        foreach (var (name, on) in new[] { ("zerocopy", c.ZeroCopy), ("skip-copy", c.SkipCopy) })
        {
            if (on && !tcpStream)
            {
                errors.Add(new(name, $"{name} applies to TCP {PatternKinds.IdsWhere(t => t.CopiesBuffers)}, not {transport} {c.Pattern.ToId()}"));
            }
            else if (on && c.Engine != EngineKind.Blocking)
            {
                errors.Add(new(name, $"{name} works on blocking sockets; use engine blocking, not {c.Engine.ToId()}"));
            }
        }

        if (c.CapturePackets < 0)
        {
            errors.Add(new("capture", $"{c.CapturePackets} is negative; give a packet count or 0 for none"));
        }
    }

    /// <summary>The knobs with only <paramref name="id"/> set (and the force flag for buffers).</summary>
    private static SocketKnobs Only(SocketKnobs k, SocketKnobId id) => id switch
    {
        SocketKnobId.SendBuffer => new() { SendBufferBytes = k.SendBufferBytes, ForceBuffers = k.ForceBuffers },
        SocketKnobId.ReceiveBuffer => new() { ReceiveBufferBytes = k.ReceiveBufferBytes, ForceBuffers = k.ForceBuffers },
        SocketKnobId.NoDelay => new() { NoDelay = k.NoDelay },
        SocketKnobId.MaxSegment => new() { MaxSegmentBytes = k.MaxSegmentBytes },
        SocketKnobId.CongestionControl => new() { CongestionControl = k.CongestionControl },
        SocketKnobId.NotSentLowat => new() { NotSentLowatBytes = k.NotSentLowatBytes },
        SocketKnobId.Cork => new() { Cork = k.Cork },
        SocketKnobId.QuickAck => new() { QuickAck = k.QuickAck },
        SocketKnobId.BusyPoll => new() { BusyPollUs = k.BusyPollUs },
        SocketKnobId.MaxPacingRate => new() { MaxPacingRateBytesPerSecond = k.MaxPacingRateBytesPerSecond },
        SocketKnobId.TrafficClass => new() { TrafficClass = k.TrafficClass },
        SocketKnobId.UdpSegment => new() { UdpSegmentBytes = k.UdpSegmentBytes },
        _ => SocketKnobs.KernelDefault,
    };
}
