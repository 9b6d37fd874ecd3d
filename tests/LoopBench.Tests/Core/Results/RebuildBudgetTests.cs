using LoopBench.Core.Results;

namespace LoopBench.Tests.Core.Results;

public sealed class RebuildBudgetTests
{
    [Fact]
    public void IsDue_OnceTheEventsSinceTheLastRebuildEarnedItsSize()
    {
        var budget = new RebuildBudget(amplificationFactor: 4, allowanceBytes: 100);
        Assert.False(budget.IsDue); // nothing logged
        budget.Rebuilt(1_000);
        budget.Logged(100); // earns 4 * 100 + 100 = 500
        Assert.True(budget.HasPending);
        Assert.False(budget.IsDue);
        budget.Logged(100);
        Assert.True(budget.IsDue);
        budget.Rebuilt(1_100);
        Assert.False(budget.HasPending);
        Assert.False(budget.IsDue);
    }

    [Fact]
    public void IsDue_AfterEveryEvent_WhileTheDocumentsAreUnderTheAllowance()
    {
        var budget = new RebuildBudget(amplificationFactor: 16, allowanceBytes: 16 * 1024);
        budget.Rebuilt(16 * 1024);
        budget.Logged(1);
        Assert.True(budget.IsDue);
    }
}
