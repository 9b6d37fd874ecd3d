using LoopBench.Core.Engines;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Tests.Core.Scenarios;

public sealed class ReceiveSpinParameterTests
{
    [Fact]
    public void Resolve_BlockingStreamOnSeparateCpus_SpinsByDefault_UnlessATcpReceiverHasALowatOrOtherFlows()
    {
        Assert.Equal(Case.DefaultReceiveSpin, new Case { Transport = TransportKind.UnixStream, Pattern = PatternKind.Bidir }.Resolve().ReceiveSpin);
        Assert.Equal(Case.DefaultReceiveSpin, new Case().Resolve().ReceiveSpin);
        Assert.Equal(Case.DefaultReceiveSpin, new Case { ClientCpu = 0, ServerCpu = 1 }.Resolve().ReceiveSpin);
        Assert.Equal(Case.DefaultReceiveSpin, new Case { Transport = TransportKind.Tcp6, Pattern = PatternKind.Reverse }.Resolve().ReceiveSpin);
        Assert.Equal(0, new Case { Placement = PlacementKind.SameCpu }.Resolve().ReceiveSpin);
        Assert.Equal(0, new Case { ReceiveLowatBytes = 1024 * 1024 }.Resolve().ReceiveSpin);
        Assert.Equal(0, new Case { Placement = PlacementKind.Split, Parallel = 4 }.Resolve().ReceiveSpin);
        Assert.Equal(0, new Case { Transport = TransportKind.Tcp6, Pattern = PatternKind.Bidir }.Resolve().ReceiveSpin);
        Assert.Equal(0, new Case { Parallel = 2, ReceiveLowatBytes = 0 }.Resolve().ReceiveSpin);
        Assert.Equal(0, CaseParameters.Apply(new Case(), "qdisc", "tbf:rate=1gbit,burst=256K").Resolve().ReceiveSpin);
    }

    [Fact]
    public void Resolve_TcpStreamReceivers_GetTheDefaultLowat_OnEveryEngine_RateCappedASmallOne_OthersNone()
    {
        Assert.Equal(0, Case.DefaultReceiveLowatBytes); // free flows, one or several: none
        Assert.Equal(Case.DefaultReceiveLowatBytes, new Case().Resolve().ReceiveLowatBytes);
        Assert.Equal(Case.DefaultReceiveLowatBytes, new Case { Engine = EngineKind.AsyncInline }.Resolve().ReceiveLowatBytes);
        Assert.Equal(Case.DefaultReceiveLowatBytes, new Case { Engine = EngineKind.PipelinesInline }.Resolve().ReceiveLowatBytes);
        Assert.Null(new Case { Engine = EngineKind.AsyncInline }.Resolve().ReceiveSpin);
        Assert.Equal(Case.DefaultReceiveLowatBytes, new Case { Transport = TransportKind.Tcp6, Pattern = PatternKind.Bidir }.Resolve().ReceiveLowatBytes);
        Assert.Equal(Case.DefaultReceiveLowatBytes, new Case { Parallel = 4 }.Resolve().ReceiveLowatBytes);
        Assert.Equal(Case.RateCappedReceiveLowatBytes, CaseParameters.Apply(new Case(), "qdisc", "tbf:rate=1gbit,burst=256K").Resolve().ReceiveLowatBytes);
        Assert.Equal(Case.RateCappedReceiveLowatBytes, CaseParameters.Apply(new Case(), "qdisc", "htb:rate=200mbit,child=pfifo,limit=4").Resolve().ReceiveLowatBytes);
        Assert.Equal(Case.RateCappedReceiveLowatBytes, CaseParameters.Apply(new Case(), "client-max-pacing-rate", "1G").Resolve().ReceiveLowatBytes);
        Assert.Equal(Case.DefaultReceiveLowatBytes, CaseParameters.Apply(new Case(), "qdisc", "pfifo:limit=64").Resolve().ReceiveLowatBytes);
        Assert.Equal(Case.DefaultReceiveLowatBytes, CaseParameters.Apply(new Case(), "mtu", "9000").Resolve().ReceiveLowatBytes);
        Assert.Equal(4096, new Case { Parallel = 4, ReceiveLowatBytes = 4096 }.Resolve().ReceiveLowatBytes);
        Assert.Equal(Case.DefaultReceiveLowatBytes, new Case { Pattern = PatternKind.RrUnderLoad }.Resolve().ReceiveLowatBytes);
        Assert.Equal(4096, new Case { ReceiveLowatBytes = 4096 }.Resolve().ReceiveLowatBytes);
        Assert.Null(new Case { Transport = TransportKind.UnixStream }.Resolve().ReceiveLowatBytes);
        Assert.Null(new Case { Transport = TransportKind.Udp4 }.Resolve().ReceiveLowatBytes);
        Assert.Null(new Case { Pattern = PatternKind.Rr }.Resolve().ReceiveLowatBytes);
        Assert.Null(new Case { SkipCopy = true }.Resolve().ReceiveLowatBytes);
    }

    [Fact]
    public void Lowat_ParsesSizes_KeyNamesOnlyANonDefault_AndIsRefusedWhereNoTcpReceiverWouldUseIt()
    {
        Assert.Equal(131072, CaseParameters.Apply(new Case(), "receive-lowat", "128K").ReceiveLowatBytes);
        Assert.Equal(0, CaseParameters.Apply(new Case(), "receive-lowat", "0").ReceiveLowatBytes);
        Assert.Throws<ParameterException>(() => CaseParameters.Apply(new Case(), "receive-lowat", "8M"));
        Assert.DoesNotContain("receive-lowat", new Case().Key, StringComparison.Ordinal);
        Assert.DoesNotContain("receive-lowat", new Case { ReceiveLowatBytes = 0 }.Key, StringComparison.Ordinal);
        Assert.DoesNotContain("receive-lowat", new Case { Parallel = 4, ReceiveLowatBytes = 0 }.Key, StringComparison.Ordinal);
        Assert.DoesNotContain("receive-lowat", CaseParameters.Apply(new Case { ReceiveLowatBytes = Case.RateCappedReceiveLowatBytes }, "qdisc", "tbf:rate=1gbit,burst=256K").Key, StringComparison.Ordinal);
        Assert.Contains(" receive-lowat=1048576 ", new Case { ReceiveLowatBytes = 1024 * 1024 }.Key, StringComparison.Ordinal);
        Assert.Contains(" receive-lowat=65536 ", new Case { Parallel = 4, ReceiveLowatBytes = Case.RateCappedReceiveLowatBytes }.Key, StringComparison.Ordinal);
        Assert.Contains(" receive-lowat=0 ", CaseParameters.Apply(new Case { ReceiveLowatBytes = 0 }, "client-max-pacing-rate", "1G").Key, StringComparison.Ordinal);
        Assert.Empty(CaseValidator.Validate(new Case { ReceiveLowatBytes = 0 }));

        var unused = Assert.Single(CaseValidator.Validate(new Case { Transport = TransportKind.UnixStream, ReceiveLowatBytes = 4096 }));
        Assert.Equal("receive-lowat", unused.Parameter);
        Assert.Contains("unix-stream stream", unused.Message, StringComparison.Ordinal);
        Assert.Equal("receive-lowat", Assert.Single(CaseValidator.Validate(new Case { ReceiveLowatBytes = -1 })).Parameter);
    }

    [Theory]
    [InlineData("udp4")]
    [InlineData("udp6")]
    [InlineData("unix-dgram")]
    [InlineData("unix-seqpacket")]
    public void Resolve_BlockingDatagramStream_SpinsByDefault(string transport) =>
        Assert.Equal(Case.DefaultReceiveSpin, CaseParameters.Apply(new Case(), "transport", transport).Resolve().ReceiveSpin);

    [Fact]
    public void Resolve_BothEndsOnOneCpu_BlocksAtOnce()
    {
        Assert.Equal(0, new Case { Placement = PlacementKind.SameCpu }.Resolve().ReceiveSpin);
        Assert.Equal(0, new Case { ClientCpu = 1, ServerCpu = 1 }.Resolve().ReceiveSpin);
    }

    [Theory]
    [InlineData("pattern", "rr")]
    [InlineData("pattern", "crr")]
    [InlineData("engine", "async")]
    [InlineData("skip-copy", "on")]
    public void Resolve_NoReceiverThatWouldSpin_LeavesItNull(string parameter, string value) =>
        Assert.Null(CaseParameters.Apply(new Case(), parameter, value).Resolve().ReceiveSpin);

    [Fact]
    public void Key_NamesOnlyASpinThatDiffersFromTheDefault()
    {
        var unix = new Case { Transport = TransportKind.UnixStream };
        Assert.DoesNotContain("receive-spin", new Case().Key, StringComparison.Ordinal);
        Assert.DoesNotContain("receive-spin", (unix with { ReceiveSpin = Case.DefaultReceiveSpin }).Key, StringComparison.Ordinal);
        Assert.DoesNotContain("receive-spin", new Case { ReceiveSpin = Case.DefaultReceiveSpin }.Key, StringComparison.Ordinal);
        Assert.DoesNotContain("receive-spin", new Case { Parallel = 4, ReceiveSpin = 0 }.Key, StringComparison.Ordinal);
        Assert.DoesNotContain("receive-spin", new Case { Placement = PlacementKind.SameCpu, ReceiveSpin = 0 }.Key, StringComparison.Ordinal);
        Assert.Contains(" receive-spin=0 ", (unix with { ReceiveSpin = 0 }).Key, StringComparison.Ordinal);
        Assert.Contains(" receive-spin=0 ", new Case { ReceiveSpin = 0 }.Key, StringComparison.Ordinal);
        Assert.Contains(" receive-spin=64 ", new Case { Parallel = 4, ReceiveSpin = 64 }.Key, StringComparison.Ordinal);
        Assert.Contains(" receive-spin=64 ", new Case { Placement = PlacementKind.SameCpu, ReceiveSpin = 64 }.Key, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_ParsesAndValidate_ChecksRangeAndUse()
    {
        Assert.Equal(8, CaseParameters.Apply(new Case(), "receive-spin", "8").ReceiveSpin);
        Assert.Throws<ParameterException>(() => CaseParameters.Apply(new Case(), "receive-spin", "lots"));
        Assert.Empty(CaseValidator.Validate(new Case { ReceiveSpin = 0 }));

        var range = Assert.Single(CaseValidator.Validate(new Case { ReceiveSpin = -1 }));
        Assert.Equal("receive-spin", range.Parameter);
        Assert.Contains("out of range", range.Message, StringComparison.Ordinal);

        var unused = Assert.Single(CaseValidator.Validate(new Case { Pattern = PatternKind.Rr, ReceiveSpin = 8 }));
        Assert.Empty(CaseValidator.Validate(new Case { Transport = TransportKind.Udp4, ReceiveSpin = 8 }));
        Assert.Single(CaseValidator.Validate(new Case { Transport = TransportKind.Udp4, Pattern = PatternKind.Rr, ReceiveSpin = 8 }));
        Assert.Equal("receive-spin", unused.Parameter);
        Assert.Contains("tcp4 rr", unused.Message, StringComparison.Ordinal);
    }
}
