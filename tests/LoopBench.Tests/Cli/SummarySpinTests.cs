using LoopBench.Cli.Terminal;
using LoopBench.Core;
using LoopBench.Core.Engines;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Workloads;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Cli;

/// <summary>The summary's spin line: both ends polled, and each pinned CPU's busy share from the ends' thread CPU.</summary>
public sealed class SummarySpinTests
{
    private static RepetitionResult Repetition() => FakeRepetitions.Result(0, 0) with
    {
        Ends =
        [
            new EndResult("lb-c0-rr", EndRole.Client, 0, [0], 0, 0, 10, 0, 0, 0, null),
            new EndResult("lb-s0-rr", EndRole.Server, 1, [1], 0, 0, 10, 0, 0, 0, null),
        ],
        Cpu = new CpuResult(1_000_000_000, 900_000, 1_000_000, 0, 0, 0, 0, 0,
            [new ThreadCpuResult(1, "lb-c0-rr", true, 990_000) { CpuNs = 990_000_000 }, new ThreadCpuResult(2, "lb-s0-rr", true, 975_000)],
            0, null, null, null, CpuResult.ApproximateSplitNote),
    };

    [Fact]
    public void SpinSplit_SaysBothEndsPolled_AndEachCpusBusyShare()
    {
        var c = new Case { Pattern = PatternKind.Rr, Placement = PlacementKind.Split, Spin = true }.Resolve();

        string? line = SummarySpin.Render(c, Repetition());

        Assert.Equal("spin     both ends polled non-blocking sockets (MSG_DONTWAIT) and never slept; CPU busy lb-c0-rr 99 % of cpu 0, lb-s0-rr 98 % of cpu 1 (of each pinned CPU)\n", line);
    }

    [Fact]
    public void SpinSameCpu_WarnsThatItMeasuresTimeSlicing()
    {
        var c = new Case { Pattern = PatternKind.Rr, Placement = PlacementKind.SameCpu, Spin = true }.Resolve();
        Assert.Contains("measures time-slicing", SummarySpin.Render(c, Repetition()), StringComparison.Ordinal);
    }

    [Fact]
    public void NoSpin_NoLine_AndNoCpuFigures_SaysNotRecorded()
    {
        Assert.Null(SummarySpin.Render(new Case { Pattern = PatternKind.Rr }.Resolve(), Repetition()));
        var spin = new Case { Pattern = PatternKind.Rr, Placement = PlacementKind.Split, Spin = true }.Resolve();
        Assert.Contains("CPU busy not recorded", SummarySpin.Render(spin, Repetition() with { Cpu = null }), StringComparison.Ordinal);
    }
}
