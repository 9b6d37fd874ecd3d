using LoopBench.Core.Calibration;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Calibration;

/// <summary>Parsers of recorded tool output (captured on this machine: iperf 3.12, iperf 2.1.8, sockperf 3.7, nuttcp 8.2).</summary>
public sealed class ToolOutputTests
{
    [Fact(Timeout = 5_000)]
    public void Iperf3_TcpJson_ReadsReceivedThroughput()
    {
        Assert.True(Iperf3Output.TryParse(FixtureFiles.Read("Calibration/iperf3-tcp4-cubic.json"), udp: false, out var f, out string error), error);
        Assert.Equal(9880420278.37187, f[ToolFigures.ThroughputBitsPerSecond], 3);
    }

    [Fact(Timeout = 5_000)]
    public void Iperf3_UdpJson_ReadsArrivedDatagramsPerSecond()
    {
        Assert.True(Iperf3Output.TryParse(FixtureFiles.Read("Calibration/iperf3-udp4-64B.json"), udp: true, out var f, out string error), error);
        Assert.Equal((101880 - 52728) / 1.000805, f[ToolFigures.DatagramsPerSecond], 3);
    }

    [Fact(Timeout = 5_000)]
    public void Iperf3_ErrorJson_ReturnsTheToolsMessage()
    {
        Assert.False(Iperf3Output.TryParse(FixtureFiles.Read("Calibration/iperf3-error.json"), udp: false, out _, out string error));
        Assert.Contains("Connection refused", error, StringComparison.Ordinal);
    }

    [Theory(Timeout = 5_000)]
    [InlineData("")]
    [InlineData("{ not json")]
    public void Iperf3_Garbage_IsAnErrorNotACrash(string text) => Assert.False(Iperf3Output.TryParse(text, udp: false, out _, out _));

    [Fact(Timeout = 5_000)]
    public void Iperf2_CsvWithoutSumLine_AddsTheFlows()
    {
        Assert.True(Iperf2Output.TryParse(FixtureFiles.Read("Calibration/iperf2-p4.csv"), out var f, out string error), error);
        Assert.Equal(2959849733.0 + 2942702678 + 2518498925 + 2198177083, f[ToolFigures.ThroughputBitsPerSecond]);
    }

    [Fact(Timeout = 5_000)]
    public void Iperf2_CsvWithSumLine_TakesTheSum()
    {
        const string csv = "t,127.0.0.1,1,127.0.0.1,2,1,0.0-1.0,10,100\nt,127.0.0.1,1,127.0.0.1,2,-1,0.0-1.0,30,300\n";
        Assert.True(Iperf2Output.TryParse(csv, out var f, out _));
        Assert.Equal(300, f[ToolFigures.ThroughputBitsPerSecond]);
    }

    [Fact(Timeout = 5_000)]
    public void Sockperf_FullRtt_ReadsPercentilesInNsAndRoundTripsPerSecond()
    {
        Assert.True(SockperfOutput.TryParse(FixtureFiles.Read("Calibration/sockperf-tcp4-pp.txt"), out var f, out string error), error);
        Assert.Equal(16_931, f[ToolFigures.RttP50Ns], 3);
        Assert.Equal(30_356, f[ToolFigures.RttP99Ns], 3);
        Assert.Equal(92_221, f[ToolFigures.RttP999Ns], 3);
        Assert.Equal(27452 / 0.550, f[ToolFigures.TransactionsPerSecond], 3);
        Assert.Equal(27452, f[ToolFigures.RttSamples]);
    }

    [Fact(Timeout = 5_000)]
    public void Sockperf_NoSummary_IsAnError() => Assert.False(SockperfOutput.TryParse("sockperf: error", out _, out _));

    [Fact(Timeout = 5_000)]
    public void Nuttcp_Fparse_ReadsMbpsAsBitsPerSecond()
    {
        Assert.True(NuttcpOutput.TryParse(FixtureFiles.Read("Calibration/nuttcp-tcp4.txt"), out var f, out string error), error);
        Assert.Equal(2852.3370e6, f[ToolFigures.ThroughputBitsPerSecond], 3);
    }
}
