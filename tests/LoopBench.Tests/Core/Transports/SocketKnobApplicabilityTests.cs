using LoopBench.Core;
using LoopBench.Core.Transports;

namespace LoopBench.Tests.Core.Transports;

public sealed class SocketKnobApplicabilityTests
{
    [Theory]
    [InlineData(SocketKnobId.ReceiveBuffer, "unix-stream", "no-effect", "SO_SNDBUF")]
    [InlineData(SocketKnobId.BusyPoll, "tcp4", "no-effect", "NAPI")]
    [InlineData(SocketKnobId.BusyPoll, "udp6", "no-effect", "NAPI")]
    [InlineData(SocketKnobId.MaxPacingRate, "udp4", "no-effect", "fq")]
    [InlineData(SocketKnobId.MaxPacingRate, "tcp6", "applies", null)]
    [InlineData(SocketKnobId.CongestionControl, "udp4", "rejected", "TCP option")]
    [InlineData(SocketKnobId.UdpSegment, "tcp4", "rejected", "UDP option")]
    [InlineData(SocketKnobId.UdpSegment, "udp4", "applies", null)]
    [InlineData(SocketKnobId.TrafficClass, "unix-dgram", "rejected", "IP socket")]
    [InlineData(SocketKnobId.SendBuffer, "unix-seqpacket", "applies", null)]
    [InlineData(SocketKnobId.SendBuffer, "sctp4", "rejected", "unknown transport")]
    public void Check_KnobOnTransport_GivesVerdictAndReason(SocketKnobId knob, string transport, string verdictId, string? reasonPart)
    {
        var (actual, reason) = SocketKnobApplicability.Check(knob, transport);
        Assert.Equal(verdictId, actual.ToId());
        if (reasonPart is null)
        {
            Assert.Null(reason);
        }
        else
        {
            Assert.Contains(reasonPart, reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Check_PacingOnUdpWithFq_Applies()
    {
        Assert.Equal(KnobVerdict.Applies, SocketKnobApplicability.Check(SocketKnobId.MaxPacingRate, "udp4", "fq").Verdict);
    }

    [Fact]
    public void Validate_BadInput_NamesWhatTheKernelAccepts()
    {
        var limits = new KernelNetLimits(4_194_304, 4_194_304, ["reno", "cubic", "bbr"], ["reno", "cubic", "bbr"], "noqueue");
        var errors = SocketKnobValidation.Validate(
            new SocketKnobs { MaxSegmentBytes = 50, CongestionControl = "vegas", UdpSegmentBytes = 1400, TrafficClass = 300 }, "tcp4", limits);

        Assert.Contains("TCP_MAXSEG=50 is out of range: the kernel accepts 88 to 32767", errors);
        Assert.Contains("unknown congestion control 'vegas'; available: reno cubic bbr", errors);
        Assert.Contains(errors, e => e.StartsWith("UDP_SEGMENT on tcp4: UDP_SEGMENT is a UDP option", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("IP_TOS=300", StringComparison.Ordinal));
        Assert.Empty(SocketKnobValidation.Validate(new SocketKnobs { ReceiveBufferBytes = 1 << 24, CongestionControl = "bbr" }, "tcp4", limits));
    }

    [Fact]
    public void Validate_NoEffectPairing_IsNotAnError()
    {
        var limits = new KernelNetLimits(212_992, 212_992, ["cubic"], ["cubic"], "noqueue");
        Assert.Empty(SocketKnobValidation.Validate(new SocketKnobs { ReceiveBufferBytes = 65536, BusyPollUs = 50 }, "unix-stream", limits));
    }

    [Fact]
    public void Ids_AreStableLowercase()
    {
        Assert.Equal(
            "sndbuf rcvbuf nodelay mss congestion notsent-lowat cork quickack busy-poll max-pacing-rate tos udp-segment zerocopy skip-copy",
            string.Join(' ', Enum.GetValues<SocketKnobId>().Select(k => k.ToId())));
    }
}
