using LoopBench.Cli.Terminal;
using LoopBench.Core.Results;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;

namespace LoopBench.Tests.Cli;

/// <summary>The iperf3-style interval lines: datagram streams add iperf3's Lost/Total column.</summary>
public sealed class IntervalPrinterTests
{
    [Fact]
    public void DatagramStream_ShowsLostAndTotalPerInterval()
    {
        var output = new StringWriter();
        var printer = new IntervalPrinter(output);
        var c = new Case { Transport = TransportKind.Udp4, MessageBytes = 64 }.Resolve();
        printer.Header(c);
        printer.Print(c, 0, new IntervalResult(0, 1_000_000_000, 15_728_640, 0) { Datagrams = 245_932, LostDatagrams = 15_258 });

        string text = output.ToString();
        Assert.Contains("Lost/Total Datagrams", text, StringComparison.Ordinal);
        Assert.Contains("15258/245932", text, StringComparison.Ordinal);
        Assert.Contains("(6.2%)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TcpStream_ShowsRetrAndCwnd_AsIperf3Does()
    {
        var output = new StringWriter();
        var printer = new IntervalPrinter(output);
        var c = new Case().Resolve();
        printer.Header(c);
        printer.Print(c, 0, new IntervalResult(0, 1_000_000_000, 1_000_000, 0) { Retransmits = 7, SendCwndBytes = 3 * 1024 * 1024 });

        string text = output.ToString();
        Assert.DoesNotContain("Lost", text, StringComparison.Ordinal);
        Assert.Contains("Retr      Cwnd", text, StringComparison.Ordinal);
        Assert.Matches(@"Gbit/s +7 +3\.00 MiB", text);
    }

    [Fact]
    public void ParallelTcp_ShowsTheFlowsSummedRetr_AndNoCwnd_AsIperf3sSumLine()
    {
        var output = new StringWriter();
        var printer = new IntervalPrinter(output);
        var c = new Case { Parallel = 2 }.Resolve();
        printer.Header(c);
        printer.Print(c, 0, new IntervalResult(0, 1_000_000_000, 1_000_000, 0) { Retransmits = 21 });

        string text = output.ToString();
        Assert.Contains("Retr", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Cwnd", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Lost", text, StringComparison.Ordinal);
        Assert.Matches(@"Gbit/s +21\r?$", text.TrimEnd());
    }
}
