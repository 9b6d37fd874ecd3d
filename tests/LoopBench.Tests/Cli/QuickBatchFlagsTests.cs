using LoopBench.Cli.Terminal;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Cli;

public sealed class QuickBatchFlagsTests
{
    [Fact(Timeout = 20_000)]
    [Trait(Traits.Category, Traits.Loopback)]
    public void Quick_UdpBatchAndGro_TableAndKeyNameTheBatching()
    {
        var (code, stdout, stderr) = CliHarness.Run("quick", "-u", "-l", "64", "--batch", "8", "--udp-gro", "-t", "300ms", "--warmup", "50ms", "-i", "0");

        Assert.True(code == 0, stderr);
        Assert.Contains("\nbatch    up to 8 datagrams per sendmmsg/recvmmsg call; UDP_GRO on the receiver", stdout, StringComparison.Ordinal);
        Assert.Contains(" batch=8 udp-gro=on ", stdout, StringComparison.Ordinal);
    }

    [Theory(Timeout = 10_000)]
    [InlineData("--batch", "8", "batch applies to UDP (udp4, udp6), not tcp4")]
    [InlineData("--batch", "0", "out of range")]
    public void Quick_BatchOutOfPlace_ExitsTwoWithTheReason(string flag, string value, string reason)
    {
        var (code, _, stderr) = CliHarness.Run("quick", flag, value, "-t", "100ms");
        Assert.Equal(2, code);
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public void Quick_GroOnTheAsyncEngine_ExitsTwoNamingTheEngine()
    {
        var (code, _, stderr) = CliHarness.Run("quick", "-u", "--udp-gro", "--engine", "async", "-t", "100ms");
        Assert.Equal(2, code);
        Assert.Contains("use engine blocking, not async", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void BatchLine_OnlyWhenBatchingIsOn()
    {
        var udp = new Case { Transport = TransportKind.Udp4 };
        Assert.Null(SummaryTable.BatchLine(udp.Resolve()));
        Assert.Null(SummaryTable.BatchLine((udp with { Batch = 1 }).Resolve()));
        Assert.Equal("batch    up to 32 datagrams per sendmmsg/recvmmsg call\n", SummaryTable.BatchLine((udp with { Batch = 32 }).Resolve()));
        Assert.StartsWith("batch    one datagram per send; recvmmsg on the receiver; UDP_GRO", SummaryTable.BatchLine((udp with { UdpGro = true }).Resolve()), StringComparison.Ordinal);
    }
}
