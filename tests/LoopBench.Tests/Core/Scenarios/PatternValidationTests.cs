using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Scenarios;

public sealed class PatternValidationTests
{
    [Theory]
    [InlineData("quick --bitrate 100M", "-b/--bitrate", "use udp4, udp6, unix-dgram or unix-seqpacket")]
    [InlineData("quick --pattern stream --inflight 4", "--inflight", "use --pattern rr --inflight 4")]
    [InlineData("quick --transport udp4 -l 65508", "-l/--length", "65507")]
    [InlineData("quick --transport udp6 -l 65528", "-l/--length", "65527")]
    [InlineData("quick --transport unix-dgram -l 4M", "-l/--length", "unix-stream")]
    [InlineData("quick --transport udp4 --pattern crr", "--pattern", "crr on tcp4")]
    [InlineData("quick --pattern rr -n 1G", "-n/--bytes", "use -k")]
    [InlineData("quick -k 100", "-k/--transactions", "use -n")]
    [InlineData("quick --close rst", "--close", "--pattern crr")]
    [InlineData("quick --rate 100", "--rate", "rr-under-load")]
    [InlineData("quick --transport udp4 --pattern rr --inflight 8", "--inflight", "unix-seqpacket or tcp4")]
    [InlineData("quick --transport udp4 -l 16", "-l/--length", "32-byte header")]
    [InlineData("quick --unix-abstract on", "--unix-abstract", "unix-stream")]
    [InlineData("quick --source 10.0.0.1", "--source", "not a loopback")]
    [InlineData("quick --bidir-mode shared", "--bidir-mode", "--pattern bidir")]
    [InlineData("quick -P 0", "-P/--parallel", "1 to 128")]
    [InlineData("quick --transport udp4 -b 1M --pps 10", "--pps", "not both")]
    public void BadCombinations_ExitTwo_NamingTheFlagAndAnAlternative(string commandLine, string flag, string hint)
    {
        var (code, stdout, stderr) = CliHarness.Run(commandLine.Split(' '));
        Assert.Equal(2, code);
        Assert.Contains(flag, stderr, StringComparison.Ordinal);
        Assert.Contains(hint, stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Fact]
    public void NewParameters_AreInTheKey_WhenTheyDefineTheMeasurement()
    {
        var c = new Case { Transport = TransportKind.Udp4, Parallel = 2, BitsPerSecond = 100_000_000 };
        Assert.Equal("udp4 stream blocking unpinned bind=127.0.0.1 P=2 len=1472 b=100000000 t=10s warmup=1s", c.Key);
        var crr = new Case { Pattern = PatternKind.Crr, Close = CloseMode.Rst, TransactionLimit = 1000 };
        Assert.Contains("close=rst", crr.Key, StringComparison.Ordinal);
        Assert.Contains("k=1000", crr.Key, StringComparison.Ordinal);
        Assert.Contains("inflight=8", CaseParameters.Apply(new Case { Pattern = PatternKind.Rr }, "inflight", "8").Key, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bitrate", "2.5M", 2_500_000)]
    [InlineData("bitrate", "1G", 1_000_000_000)]
    [InlineData("bitrate", "0", 0)]
    public void Bitrate_TakesSiSuffixes(string name, string value, long expected) =>
        Assert.Equal(expected, CaseParameters.Apply(new Case(), name, value).BitsPerSecond);
}
