using LoopBench.Core.Scenarios;

namespace LoopBench.Tests.Core.Scenarios;

public sealed class ScenarioKnobTests
{
    [Fact(Timeout = 5_000)]
    public void Scenario_RcvbufAxis_GivesDistinctKeys()
    {
        var scenario = Scenario.FromText("s.yaml", "matrix:\n  rcvbuf: [64K, 1M]\n  congestion: [reno]\n", []);

        Assert.Equal(2, scenario.Cases.Select(c => c.Key).Distinct(StringComparer.Ordinal).Count());
        Assert.All(scenario.Cases, c => Assert.Equal("reno", c.ServerKnobs.CongestionControl));
    }

    [Fact(Timeout = 5_000)]
    public void Scenario_UnknownCongestion_PointsAtTheValue()
    {
        var errors = Assert.Throws<ScenarioException>(() => Scenario.FromText("s.yaml", "matrix:\n  congestion: [reno, nosuchcc]\n", []))
            .Errors.Select(e => e.ToString()).ToArray();

        Assert.Contains(errors, e => e.StartsWith("s.yaml:2:", StringComparison.Ordinal) && e.Contains("unknown congestion control 'nosuchcc'; available:", StringComparison.Ordinal));
    }
}
