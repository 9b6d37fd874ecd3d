using LoopBench.Core;
using LoopBench.Core.Engines;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Tests.Core.Scenarios;

public sealed class SpinParameterTests
{
    private static readonly Case SplitRr = new() { Pattern = PatternKind.Rr, Placement = PlacementKind.Split, Spin = true };

    [Theory]
    [InlineData("on", true)]
    [InlineData("off", false)]
    [InlineData("yes", true)]
    public void Apply_Switch_SetsSpin(string text, bool expected) =>
        Assert.Equal(expected, CaseParameters.Apply(new Case(), "spin", text).Spin);

    [Fact]
    public void Apply_NotASwitch_ThrowsNamingTheParameter()
    {
        var ex = Assert.Throws<ParameterException>(() => CaseParameters.Apply(new Case(), "spin", "fast"));
        Assert.Equal("spin", ex.Parameter);
        Assert.Contains("'fast' is not on/off", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_HasSpinOnlyWhenOn()
    {
        Assert.Contains(" spin=on ", SplitRr.Key, StringComparison.Ordinal);
        Assert.DoesNotContain("spin=", (SplitRr with { Spin = false }).Key, StringComparison.Ordinal);
        Assert.Equal("on", CaseKeyTokens.ValueOf(SplitRr.Key, "spin"));
        Assert.True(CaseKey.TryTokenOf("spin", out string token));
        Assert.Equal("spin", token);
    }

    [Theory]
    [InlineData(TransportKind.Tcp4, PatternKind.Rr, PlacementKind.Split)]
    [InlineData(TransportKind.Tcp6, PatternKind.Rr, PlacementKind.SameCpu)]
    [InlineData(TransportKind.Udp4, PatternKind.Rr, PlacementKind.Split)]
    [InlineData(TransportKind.Udp6, PatternKind.Rr, PlacementKind.Split)]
    [InlineData(TransportKind.UnixStream, PatternKind.Rr, PlacementKind.Split)]
    [InlineData(TransportKind.UnixDgram, PatternKind.Rr, PlacementKind.Split)]
    [InlineData(TransportKind.UnixSeqpacket, PatternKind.Rr, PlacementKind.Split)]
    [InlineData(TransportKind.Tcp4, PatternKind.Crr, PlacementKind.Split)]
    [InlineData(TransportKind.UnixStream, PatternKind.Crr, PlacementKind.SameCpu)]
    public void Validate_PinnedBlockingRequestResponse_IsAccepted(TransportKind transport, PatternKind pattern, PlacementKind placement) =>
        Assert.Empty(CaseValidator.Validate(new Case { Transport = transport, Pattern = pattern, Placement = placement, Spin = true }));

    [Fact]
    public void Validate_BothCpusNamed_IsAccepted() =>
        Assert.Empty(CaseValidator.Validate(new Case { Pattern = PatternKind.Rr, ClientCpu = 0, ServerCpu = 1, Spin = true }));

    [Fact]
    public void Validate_Unpinned_IsRefusedWithTheReason()
    {
        var error = Assert.Single(CaseValidator.Validate(SplitRr with { Placement = PlacementKind.Unpinned }));
        Assert.Equal("spin", error.Parameter);
        Assert.Equal("spin needs pinned placement (split or same-cpu, or -A): two spinners left to the scheduler measure the scheduler", error.Message);
    }

    [Fact]
    public void Validate_OnlyTheClientCpuNamed_IsRefused()
    {
        var error = Assert.Single(CaseValidator.Validate(new Case { Pattern = PatternKind.Rr, ClientCpu = 0, Spin = true }));
        Assert.StartsWith(CaseSpinRules.UnpinnedMessage, error.Message, StringComparison.Ordinal);
        Assert.Contains("-A N,M", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EngineKind.Async)]
    [InlineData(EngineKind.Pipelines)]
    [InlineData(EngineKind.NetworkStream)]
    public void Validate_NonBlockingEngine_IsRefused(EngineKind engine)
    {
        var errors = CaseValidator.Validate(SplitRr with { Engine = engine });
        var error = Assert.Single(errors, e => e.Parameter == "spin");
        Assert.Contains($"engine {engine.ToId()}", error.Message, StringComparison.Ordinal);
        Assert.Contains("use engine blocking", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PatternKind.Stream)]
    [InlineData(PatternKind.Reverse)]
    [InlineData(PatternKind.Bidir)]
    [InlineData(PatternKind.RrUnderLoad)]
    public void Validate_NotClosedLoopRequestResponse_IsRefused(PatternKind pattern)
    {
        var error = Assert.Single(CaseValidator.Validate(SplitRr with { Pattern = pattern }), e => e.Parameter == "spin");
        Assert.Contains($"pattern {pattern.ToId()} is not closed-loop request/response", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EverythingWrong_ReportsEachProblem() =>
        Assert.Equal(3, CaseValidator.Validate(new Case { Engine = EngineKind.Async, Spin = true }).Count(e => e.Parameter == "spin"));

    [Fact]
    public void Validate_SpinWithTimestamps_IsRefusedByTimestamps_NamingSpin()
    {
        var errors = CaseValidator.Validate(SplitRr with { Timestamps = true });

        var error = Assert.Single(errors);
        Assert.Equal("timestamps", error.Parameter);
        Assert.Contains("spin", error.Message, StringComparison.Ordinal);
        Assert.Empty(CaseValidator.Validate(SplitRr));
    }
}
