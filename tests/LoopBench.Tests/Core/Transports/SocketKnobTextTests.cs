using LoopBench.Core.Transports;

namespace LoopBench.Tests.Core.Transports;

public sealed class SocketKnobTextTests
{
    [Theory]
    [InlineData(16_777_216, "16 MiB")]
    [InlineData(4608, "4608 B")]
    [InlineData(212_992, "208 KiB")]
    [InlineData(0, "0 B")]
    public void Bytes_AreExact(long bytes, string expected) => Assert.Equal(expected, SocketKnobText.Bytes(bytes));

    [Theory]
    [InlineData(125_000_000, "125000000 B/s (1.000 Gbit/s)")]
    [InlineData(1_250_000, "1250000 B/s (10.000 Mbit/s)")]
    [InlineData(1000, "1000 B/s (8.000 kbit/s)")]
    public void Rate_KeepsTheExactBytes_AndShowsTheBitRateInTheSharedUnits(long bytesPerSecond, string expected) =>
        Assert.Equal(expected, SocketKnobText.Rate(bytesPerSecond));
}
