using LoopBench.Core.Results;

namespace LoopBench.Tests.Core.Results;

public sealed class CalibrationRowOutcomeTests
{
    [Theory]
    [InlineData("met")]
    [InlineData("inconclusive")]
    [InlineData("skipped:pattern-unavailable")]
    [InlineData("failed:tool")]
    [InlineData("interrupted")]
    public void EveryId_ReadsBackToTheSameId(string id)
    {
        Assert.True(CalibrationRowOutcome.TryParse(id, out var outcome));
        Assert.Equal(id, outcome.ToId());
        Assert.Equal(id, $"{outcome}");
    }

    [Fact]
    public void AMeasuredRow_HasFigures_AndAStoppedOneHasWhatStoppedIt()
    {
        Assert.Equal(CalibrationOutcome.Missed, CalibrationRowOutcome.Of(CalibrationOutcome.Missed).Figures);
        Assert.Null(CalibrationRowOutcome.Of(CalibrationOutcome.Missed).Stopped);
        Assert.Equal(CaseOutcome.FailedTool, CalibrationRowOutcome.Of(CaseOutcome.FailedTool).Stopped);
        Assert.Null(CalibrationRowOutcome.Of(CaseOutcome.FailedTool).Figures);
    }

    [Theory]
    [InlineData("Met")]
    [InlineData("")]
    [InlineData(null)]
    public void AnythingElse_IsRefused(string? id) => Assert.False(CalibrationRowOutcome.TryParse(id, out _));
}
