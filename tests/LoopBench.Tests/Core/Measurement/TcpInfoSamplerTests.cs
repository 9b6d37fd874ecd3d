using LoopBench.Core.Measurement;
using LoopBench.Core.Results;

namespace LoopBench.Tests.Core.Measurement;

public sealed class TcpInfoSamplerTests
{
    private static TcpInfoSampleResult At(long atNs, string side, long totalRetrans, string? connection = null) =>
        new(atNs, side, 20, 5, 3, 10, 65_483, 0, totalRetrans, null, null, null, null, null, null, null, 65_495) { Connection = connection };

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
