using LoopBench.Core;
using LoopBench.Core.Measurement;

namespace LoopBench.Tests.Fixtures;

/// <summary>Stored TCP_INFO samples for tests: the fields a test names, plausible loopback values for the rest.</summary>
internal static class TcpInfoSamples
{
    public static TcpInfoSampleResult At(long atNs, EndRole side, long totalRetrans, long rttUs = 20, long cwndSegments = 10, SampledConnection? connection = null) =>
        new(atNs, side, rttUs, 5, 3, cwndSegments, 65_483, 0, totalRetrans, null, null, null, null, null, null, null, 65_495) { Connection = connection };
}
