using LoopBench.Core.Measurement;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Measurement;

public sealed class TcpInfoSamplerTests
{
    private static TcpInfoSampleResult At(long atNs, string side, long totalRetrans, string? connection = null) =>
        TcpInfoSamples.At(atNs, side, totalRetrans, connection: connection);

    [Fact]
    public void RetransBetweenFirstAndLast_SumsEachSidesRise_IgnoringCrrConnections()
    {
        var samples = new[]
        {
            At(0, "client", 3), At(0, "server", 1),
            At(100, "client", 7), At(100, "server", 1),
            At(200, "client", 10), At(200, "server", 2),
            At(200, "client", 500, connection: "last"),
        };

        Assert.Equal(7 + 1, TcpInfoSampler.RetransBetweenFirstAndLast(samples));
    }

    [Fact]
    public void RetransBetweenFirstAndLast_OneSideOnly_OrNone()
    {
        Assert.Equal(4, TcpInfoSampler.RetransBetweenFirstAndLast([At(0, "server", 2), At(200, "server", 6)]));
        Assert.Equal(0, TcpInfoSampler.RetransBetweenFirstAndLast([At(200, "client", 9)]));
        Assert.Null(TcpInfoSampler.RetransBetweenFirstAndLast([]));
    }
}
