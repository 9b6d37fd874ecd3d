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
    public void TcpStream_HasNoDatagramColumn()
    {
        var output = new StringWriter();
        var printer = new IntervalPrinter(output);
        var c = new Case().Resolve();
        printer.Header(c);
        printer.Print(c, 0, new IntervalResult(0, 1_000_000_000, 1_000_000, 0));

        Assert.DoesNotContain("Lost", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Gbit/s", output.ToString(), StringComparison.Ordinal);
    }
}
