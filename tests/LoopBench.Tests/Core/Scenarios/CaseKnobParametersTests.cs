using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;

namespace LoopBench.Tests.Core.Scenarios;

public sealed class CaseKnobParametersTests
{
    private static readonly KernelNetLimits Limits = new(4_194_304, 4_194_304, ["reno", "cubic"], ["reno", "cubic"], "noqueue");

    [Fact(Timeout = 5_000)]
    public void Key_KernelDefaults_IsUnchanged()
    {
        Assert.Equal("tcp4 stream blocking unpinned bind=127.0.0.1 len=131072 nodelay=off t=10s warmup=1s", new Case().Key);
    }

    [Fact(Timeout = 5_000)]
    public void Apply_PlainName_SetsBothSidesAndKeyOnce()
    {
        var c = CaseParameters.Apply(new Case(), "rcvbuf", "64K");
        c = CaseParameters.Apply(c, "congestion", "reno");

        Assert.Equal(65_536, c.ClientKnobs.ReceiveBufferBytes);
        Assert.Equal(65_536, c.ServerKnobs.ReceiveBufferBytes);
        Assert.Contains(" congestion=reno rcvbuf=65536 t=", c.Key, StringComparison.Ordinal);
    }

    [Fact(Timeout = 5_000)]
    public void Apply_SidePrefix_SetsOneSideAndKeyNamesIt()
    {
        var c = CaseParameters.Apply(new Case(), "server-rcvbuf", "1M");

        Assert.Null(c.ClientKnobs.ReceiveBufferBytes);
        Assert.Equal(1_048_576, c.ServerKnobs.ReceiveBufferBytes);
        Assert.Contains(" server-rcvbuf=1048576 ", c.Key, StringComparison.Ordinal);
    }

    [Fact(Timeout = 5_000)]
    public void Apply_Window_SetsFourBuffers()
    {
        var c = CaseParameters.Apply(new Case(), "window", "256K");

        Assert.All(new[] { c.ClientKnobs, c.ServerKnobs }, k =>
        {
            Assert.Equal(262_144, k.SendBufferBytes);
            Assert.Equal(262_144, k.ReceiveBufferBytes);
        });
    }

    [Fact(Timeout = 5_000)]
    public void Apply_BufferOverIntHalf_NamesTheLimit()
    {
        var ex = Assert.Throws<ParameterException>(() => CaseParameters.Apply(new Case(), "sndbuf", "3G"));

        Assert.Contains("1073741823", ex.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 5_000)]
    public void Apply_MaxPacingRate_StoresBytesPerSecond()
    {
        var c = CaseParameters.Apply(new Case(), "max-pacing-rate", "8G");

        Assert.Equal(1_000_000_000, c.ClientKnobs.MaxPacingRateBytesPerSecond);
    }

    [Fact(Timeout = 5_000)]
    public void Validate_MssOutOfRange_NamesKernelRange()
    {
        var errors = CaseValidator.Validate(CaseParameters.Apply(new Case(), "mss", "50"));

        var e = Assert.Single(errors);
        Assert.Equal("mss", e.Parameter);
        Assert.Contains("88 to 32767", e.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 5_000)]
    public void Validate_UnknownCongestion_ListsAvailable()
    {
        var errors = CaseValidator.Validate(CaseParameters.Apply(new Case(), "congestion", "nosuchcc"));

        var e = Assert.Single(errors);
        Assert.Equal("congestion", e.Parameter);
        Assert.Contains("unknown congestion control 'nosuchcc'; available:", e.Message, StringComparison.Ordinal);
        Assert.Contains("reno", e.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 5_000)]
    public void Validate_ZeroCopyOnUdp_IsAnError()
    {
        var c = new Case { Transport = TransportKind.Udp4, ZeroCopy = true };

        Assert.Contains(CaseValidator.Validate(c), e => e.Parameter == "zerocopy");
    }

    [Fact(Timeout = 5_000)]
    public void Validate_UdpSegmentOnTcp_IsRejected()
    {
        var errors = CaseValidator.Validate(CaseParameters.Apply(new Case(), "client-udp-segment", "1400"));

        Assert.Contains(errors, e => e.Parameter == "client-udp-segment" && e.Message.Contains("UDP_SEGMENT", StringComparison.Ordinal));
    }

    [Fact(Timeout = 5_000)]
    public void Limits_UnknownCongestionMessage_ListsChoices()
    {
        Assert.Equal("unknown congestion control 'vegas'; available: reno cubic", Limits.UnknownCongestionMessage("vegas"));
    }
}
