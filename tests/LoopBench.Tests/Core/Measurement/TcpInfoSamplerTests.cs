using LoopBench.Core;
using LoopBench.Core.Measurement;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Measurement;

public sealed class TcpInfoSamplerTests
{
    private static TcpInfoSampleResult At(long atNs, EndRole side, long totalRetrans, SampledConnection? connection = null) =>
        TcpInfoSamples.At(atNs, side, totalRetrans, connection: connection);

    [Fact]
    public void RetransBetweenFirstAndLast_SumsEachSidesRise_IgnoringCrrConnections()
    {
        var samples = new[]
        {
            At(0, EndRole.Client, 3), At(0, EndRole.Server, 1),
            At(100, EndRole.Client, 7), At(100, EndRole.Server, 1),
            At(200, EndRole.Client, 10), At(200, EndRole.Server, 2),
            At(200, EndRole.Client, 500, connection: SampledConnection.Last),
        };

        Assert.Equal(7 + 1, TcpInfoSampler.RetransBetweenFirstAndLast(samples));
    }

    [Fact]
    public void RetransBetweenFirstAndLast_OneSideOnly_OrNone()
    {
        Assert.Equal(4, TcpInfoSampler.RetransBetweenFirstAndLast([At(0, EndRole.Server, 2), At(200, EndRole.Server, 6)]));
        Assert.Equal(0, TcpInfoSampler.RetransBetweenFirstAndLast([At(200, EndRole.Client, 9)]));
        Assert.Null(TcpInfoSampler.RetransBetweenFirstAndLast([]));
    }
}
