using LoopBench.Core.Sandbox;

namespace LoopBench.Tests.Core.Sandbox;

public sealed class CapabilitiesProbeTests
{
    [Theory]
    [InlineData("000001ffffffffff", true)]
    [InlineData("0000000000001000", true)]
    [InlineData("0000000000000fff", false)]
    [InlineData("0000000000000000", false)]
    [InlineData("garbage", false)]
    public void CapNetAdmin_IsBit12OfCapEff(string mask, bool expected) => Assert.Equal(expected, CapabilitiesProbe.HasCapability(mask, 12));

    [Fact]
    public void Ipv6Loopback_IsFoundInIfInet6()
    {
        Assert.True(CapabilitiesProbe.Ipv6LoopbackListed("00000000000000000000000000000001 01 80 10 80       lo\n"));
        Assert.False(CapabilitiesProbe.Ipv6LoopbackListed("fe800000000000000000000000000001 02 40 20 80     eth0\n"));
    }
}
