using System.Net;
using System.Net.Sockets;
using LoopBench.Core;
using LoopBench.Core.Measurement;
using LoopBench.Core.Transports;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Transports;

[Trait(Traits.Category, Traits.Loopback)]
public sealed class SocketKnobApplierTests
{
    private const int SixteenMiB = 16 * 1024 * 1024;
    private static readonly KernelNetLimits Limits = KernelNetLimits.Read();

    [Fact(Timeout = 10_000)]
    public void ReceiveBuffer_AboveRmemMax_IsReportedCappedWithTheReason()
    {
        Assert.SkipWhen(Limits.ReceiveBufferMaxBytes >= SixteenMiB, "net.core.rmem_max is not below 16 MiB here");
        using var pair = LoopbackPairs.Tcp4();
        var r = Single(SocketKnobApplier.Apply(pair.Server, "tcp4", EndRole.Server, new SocketKnobs { ReceiveBufferBytes = SixteenMiB }, Limits), "rcvbuf");

        Assert.Equal(KnobStatus.Capped, r.Status);
        Assert.Equal(2L * Limits.ReceiveBufferMaxBytes, r.EffectiveValue);
        Assert.StartsWith(
            $"SO_RCVBUF 16 MiB requested, {r.Effective} effective: capped by net.core.rmem_max={Limits.ReceiveBufferMaxBytes} (doubled by the kernel); use force to exceed it",
            r.Describe(), StringComparison.Ordinal);
        Assert.Contains("setting SO_RCVBUF turns off receive autotuning", r.Describe(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public void ReceiveBuffer_WithForce_ExceedsRmemMax()
    {
        using var pair = LoopbackPairs.Tcp4();
        var knobs = new SocketKnobs { ReceiveBufferBytes = SixteenMiB, SendBufferBytes = SixteenMiB, ForceBuffers = true };
        var results = SocketKnobApplier.Apply(pair.Server, "tcp4", EndRole.Server, knobs, Limits);
        var r = Single(results, "rcvbuf");
        Assert.SkipWhen(r.Status == KnobStatus.Failed, "SO_RCVBUFFORCE needs CAP_NET_ADMIN: " + r.Note);

        Assert.Equal("SO_RCVBUFFORCE", r.Name);
        Assert.Equal(KnobStatus.Applied, r.Status);
        Assert.Equal(2L * SixteenMiB, r.EffectiveValue);
        Assert.True(r.EffectiveValue > 2L * Limits.ReceiveBufferMaxBytes);
        Assert.Equal(2L * SixteenMiB, Single(results, "sndbuf").EffectiveValue);
    }

    [Theory(Timeout = 10_000)]
    [InlineData("reno")]
    [InlineData("cubic")]
    [InlineData("bbr")]
    public void CongestionControl_PerSocket_IsConfirmedByReadBack(string algorithm)
    {
        Assert.SkipUnless(Limits.CongestionChoices().Contains(algorithm), $"{algorithm} is not offered by this kernel");
        using var pair = LoopbackPairs.Tcp4();
        string other = algorithm == "reno" ? "cubic" : "reno";
        var client = Single(SocketKnobApplier.Apply(pair.Client, "tcp4", EndRole.Client, new SocketKnobs { CongestionControl = algorithm }, Limits), "congestion");
        var server = Single(SocketKnobApplier.Apply(pair.Server, "tcp4", EndRole.Server, new SocketKnobs { CongestionControl = other }, Limits), "congestion");

        Assert.Equal((KnobStatus.Applied, algorithm), (client.Status, client.Effective));
        Assert.Equal(other, server.Effective);
        Assert.Equal(algorithm, SocketTuning.CongestionControlOf(pair.Client));
    }

    [Fact(Timeout = 10_000)]
    public void CongestionControl_Unknown_NamesWhatTheKernelOffers()
    {
        using var pair = LoopbackPairs.Tcp4();
        var r = Single(SocketKnobApplier.Apply(pair.Client, "tcp4", EndRole.Client, new SocketKnobs { CongestionControl = "nosuchcc" }, Limits), "congestion");

        Assert.Equal(KnobStatus.Failed, r.Status);
        Assert.Equal($"unknown congestion control 'nosuchcc'; available: {string.Join(' ', Limits.CongestionChoices())}", r.Note);
        Assert.DoesNotContain("Cannot assign", r.Describe(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public void TcpOptions_AreAppliedAndReadBack()
    {
        using var pair = LoopbackPairs.Tcp4();
        var knobs = new SocketKnobs { NoDelay = true, Cork = true, NotSentLowatBytes = 131_072, QuickAck = true, TrafficClass = 0x10 };
        var results = SocketKnobApplier.Apply(pair.Client, "tcp4", EndRole.Client, knobs, Limits);

        Assert.Equal((KnobStatus.Applied, 1L), (Single(results, "nodelay").Status, Single(results, "nodelay").EffectiveValue));
        Assert.Equal(1L, Single(results, "cork").EffectiveValue);
        Assert.Equal(131_072L, Single(results, "notsent-lowat").EffectiveValue);
        Assert.Contains("re-arm", Single(results, "quickack").Note, StringComparison.Ordinal);
        Assert.Equal(("IP_TOS", 0x10L), (Single(results, "tos").Name, Single(results, "tos").EffectiveValue));
        Assert.True(SocketKnobApplier.RearmQuickAck(pair.Client));
    }

    [Fact(Timeout = 10_000)]
    public void TrafficClass_OnIpv6_UsesIpv6TClass()
    {
        LoopbackPairs.SkipIfNoIpv6();
        using var pair = LoopbackConnector.Connect(new TransportOptions(TransportKind.Tcp6, IPAddress.IPv6Loopback), TimeSpan.FromSeconds(10));
        var r = Single(SocketKnobApplier.Apply(pair.Client, "tcp6", EndRole.Client, new SocketKnobs { TrafficClass = 0x20 }, Limits), "tos");
        Assert.Equal(("IPV6_TCLASS", KnobStatus.Applied, 0x20L), (r.Name, r.Status, r.EffectiveValue));
    }

    [Fact(Timeout = 10_000)]
    public void NoEffectPairings_AreSetButNeverReportedAsApplied()
    {
        using var tcp = LoopbackPairs.Tcp4();
        var busy = Single(SocketKnobApplier.Apply(tcp.Server, "tcp4", EndRole.Server, new SocketKnobs { BusyPollUs = 50 }, Limits), "busy-poll");
        Assert.Equal((KnobStatus.NoEffect, 50L), (busy.Status, busy.EffectiveValue));
        Assert.Contains("NAPI", busy.Describe(), StringComparison.Ordinal);

        using var unix = LoopbackPairs.UnixStream();
        var rcv = Single(SocketKnobApplier.Apply(unix.Server, "unix-stream", EndRole.Server, new SocketKnobs { ReceiveBufferBytes = 65_536 }, Limits), "rcvbuf");
        Assert.Equal(KnobStatus.NoEffect, rcv.Status);
        var tcpOnly = Single(SocketKnobApplier.Apply(unix.Client, "unix-stream", EndRole.Client, new SocketKnobs { NoDelay = true }, Limits), "nodelay");
        Assert.Equal(KnobStatus.Rejected, tcpOnly.Status);
        Assert.Null(tcpOnly.Effective);
    }

    [Fact(Timeout = 10_000)]
    public void MaxSegment_AfterConnect_IsNoEffect_BeforeConnect_IsApplied()
    {
        using var pair = LoopbackPairs.Tcp4();
        var late = Single(SocketKnobApplier.Apply(pair.Client, "tcp4", EndRole.Client, new SocketKnobs { MaxSegmentBytes = 1000 }, Limits), "mss");
        Assert.Equal(KnobStatus.NoEffect, late.Status);
        Assert.Contains("before connect()", late.Note, StringComparison.Ordinal);

        using var fresh = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var early = Single(SocketKnobApplier.Apply(fresh, "tcp4", EndRole.Client, new SocketKnobs { MaxSegmentBytes = 1000 }, Limits), "mss");
        Assert.Equal((KnobStatus.Applied, 1000L), (early.Status, early.EffectiveValue));
    }

    [Fact(Timeout = 10_000)]
    public void UdpSegment_OnUdp_IsApplied()
    {
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var r = Single(SocketKnobApplier.Apply(udp, "udp4", EndRole.Client, new SocketKnobs { UdpSegmentBytes = 1400 }, Limits), "udp-segment");
        Assert.Equal((KnobStatus.Applied, 1400L), (r.Status, r.EffectiveValue));
    }

    [Fact(Timeout = 10_000)]
    public void MaxPacingRate_OnUdpWithoutFq_IsNoEffect()
    {
        Assert.SkipWhen(string.Equals(Limits.LoQdisc, "fq", StringComparison.Ordinal), "lo has fq");
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var r = Single(SocketKnobApplier.Apply(udp, "udp4", EndRole.Client, new SocketKnobs { MaxPacingRateBytesPerSecond = 1_000_000 }, Limits), "max-pacing-rate");
        Assert.Equal((KnobStatus.NoEffect, 1_000_000L), (r.Status, r.EffectiveValue));
        Assert.Contains("fq", r.Note, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public void Evidence_ShowsPacingRateAndAutotunedBuffers()
    {
        using var pair = LoopbackPairs.Tcp4();
        const long rate = 1_000_000_000;
        var client = SocketKnobApplier.Apply(pair.Client, "tcp4", EndRole.Client, new SocketKnobs { MaxPacingRateBytesPerSecond = rate }, Limits);
        var server = SocketKnobApplier.Apply(pair.Server, "tcp4", EndRole.Server, SocketKnobs.KernelDefault, Limits);
        Assert.Equal(rate, Single(client, "max-pacing-rate").EffectiveValue);

        LoopbackPairs.Move(pair, 4 * 1024 * 1024);
        Assert.True(TcpInfoReader.TryRead(pair.Client, out var info));
        var pacing = Single(SocketKnobEvidence.AddEvidence(pair.Client, client, info), "max-pacing-rate");
        Assert.StartsWith("TCP_INFO max_pacing_rate=1000000000 B/s", pacing.Evidence, StringComparison.Ordinal);
        var rcv = Single(SocketKnobEvidence.AddEvidence(pair.Server, server, null), "rcvbuf");
        Assert.Equal(KnobStatus.Default, rcv.Status);
        Assert.Matches("^(autotuned from .* to .* at the end|unchanged at .*)$", rcv.Evidence);
    }

    [Fact(Timeout = 10_000)]
    public void BothEnds_WithSampler_GiveBothSidesWithEvidence()
    {
        using var pair = LoopbackPairs.Tcp4();
        IReadOnlyList<KnobResult> results =
        [
            .. SocketKnobApplier.Apply(pair.Client, "tcp4", EndRole.Client, new SocketKnobs { MaxPacingRateBytesPerSecond = 500_000_000 }, Limits),
            .. SocketKnobApplier.Apply(pair.Server, "tcp4", EndRole.Server, new SocketKnobs { CongestionControl = "reno" }, Limits),
        ];
        var sampler = new TcpInfoSampler(pair.Client, pair.Server);
        LoopbackPairs.Move(pair, 1024 * 1024);
        sampler.Sample(1);
        var withEvidence = SocketKnobEvidence.AddPairEvidence(pair, results, sampler.LastClient, sampler.LastServer);

        Assert.Equal(results.Select(r => (r.Side, r.Id)), withEvidence.Select(r => (r.Side, r.Id)));
        Assert.Contains("max_pacing_rate=500000000 B/s", Single(withEvidence, "max-pacing-rate").Evidence, StringComparison.Ordinal);
        Assert.Equal("TCP_CONGESTION still reno at the end", Single(withEvidence, "congestion").Evidence);
        Assert.All(withEvidence.Where(r => r.Id is SocketKnobId.SendBuffer or SocketKnobId.ReceiveBuffer), r => Assert.NotNull(r.Evidence));
    }

    [Fact(Timeout = 10_000)]
    public void RearmQuickAck_AllocatesNothing()
    {
        using var pair = LoopbackPairs.Tcp4();
        SocketKnobApplier.RearmQuickAck(pair.Client);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            SocketKnobApplier.RearmQuickAck(pair.Client);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static KnobResult Single(IReadOnlyList<KnobResult> results, string id) => Assert.Single(results, r => r.Id.ToId() == id);
}
