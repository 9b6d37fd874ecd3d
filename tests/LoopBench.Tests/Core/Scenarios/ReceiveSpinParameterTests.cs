using LoopBench.Core.Engines;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Tests.Core.Scenarios;

public sealed class ReceiveSpinParameterTests
{
    [Fact]
    public void Resolve_BlockingStreamOnSeparateCpus_SpinsByDefault()
    {
        Assert.Equal(Case.DefaultReceiveSpin, new Case().Resolve().ReceiveSpin);
        Assert.Equal(Case.DefaultReceiveSpin, new Case { Placement = PlacementKind.Split }.Resolve().ReceiveSpin);
        Assert.Equal(Case.DefaultReceiveSpin, new Case { ClientCpu = 0, ServerCpu = 1 }.Resolve().ReceiveSpin);
        Assert.Equal(Case.DefaultReceiveSpin, new Case { Transport = TransportKind.UnixStream, Pattern = PatternKind.Bidir }.Resolve().ReceiveSpin);
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
        Assert.DoesNotContain("receive-spin", new Case().Key, StringComparison.Ordinal);
        Assert.DoesNotContain("receive-spin", new Case { ReceiveSpin = Case.DefaultReceiveSpin }.Key, StringComparison.Ordinal);
        Assert.DoesNotContain("receive-spin", new Case { Placement = PlacementKind.SameCpu, ReceiveSpin = 0 }.Key, StringComparison.Ordinal);
        Assert.Contains(" receive-spin=0 ", new Case { ReceiveSpin = 0 }.Key, StringComparison.Ordinal);
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
