using LoopBench.Core.Engines;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Workloads;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Running;

/// <summary>Each end's result says how its engine completed calls, not only what it moved.</summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class EndCountersLoopbackTests
{
    [Theory(Timeout = 30_000)]
    [InlineData(EngineKind.Blocking)]
    [InlineData(EngineKind.Async)]
    public void Rr_EndsRecordTheirCompletions(EngineKind engine)
    {
        var c = QuickCases.Short(new Case { Pattern = PatternKind.Rr, Engine = engine });
        var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);

        Assert.True(result.Outcome == CaseOutcome.Passed, result.Reason);
        foreach (var end in result.Repetitions[0].Ends)
        {
            Assert.Equal(end.SendCalls + end.ReceiveCalls, end.SyncCompletions + end.AsyncCompletions);
            if (engine == EngineKind.Blocking)
            {
                Assert.Equal(0, end.AsyncCompletions); // a blocking call never completes later
            }
            else
            {
                Assert.True(end.AsyncCompletions > 0, $"{end.Name}: an async rr end waits for every response"); // receives wait for the peer
            }

            Assert.NotNull(end.ShortReceives);
        }
    }
}
