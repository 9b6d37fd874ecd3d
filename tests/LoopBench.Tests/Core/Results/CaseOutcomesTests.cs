using LoopBench.Core.Results;

namespace LoopBench.Tests.Core.Results;

public sealed class CaseOutcomesTests
{
    [Fact]
    public void IsFailure_IsExactlyTheFailedOutcomes()
    {
        CaseOutcome[] failed =
        [
            CaseOutcome.FailedSetup, CaseOutcome.FailedSandbox, CaseOutcome.FailedWorker, CaseOutcome.FailedCaseTimeout,
            CaseOutcome.FailedChild, CaseOutcome.FailedTool, CaseOutcome.FailedNoTraffic, CaseOutcome.FailedTimeout,
        ];

        Assert.Equal(failed.Order(), Enum.GetValues<CaseOutcome>().Where(o => o.IsFailure()).Order());
    }
}
