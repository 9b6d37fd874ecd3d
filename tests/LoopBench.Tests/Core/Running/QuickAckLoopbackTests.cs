using System.Globalization;
using System.Text.RegularExpressions;
using LoopBench.Core;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Running;

/// <summary>
/// TCP_QUICKACK is not sticky: every request/response pattern re-arms it after each receive when
/// the knob is on, and the knob record says how often, per side.
/// </summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed partial class QuickAckLoopbackTests
{
    [Theory(Timeout = 30_000)]
    [InlineData("rr")]
    [InlineData("crr")]
    [InlineData("rr-under-load")]
    public void QuickAck_RequestResponsePatterns_RearmAfterEveryReceive_OnBothSides(string pattern)
    {
        var c = CaseParameters.Apply(CaseParameters.Apply(new Case(), "pattern", pattern), "quickack", "on")
            with { DurationMs = 300, WarmupMs = 50, IntervalMs = 100 };
        var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);
        Assert.True(result.Outcome == CaseOutcome.Passed, $"{result.Outcome}: {result.Reason}");
        var rep = Assert.Single(result.Repetitions);

        foreach (var side in new[] { EndRole.Client, EndRole.Server })
        {
            var knob = Assert.Single(rep.Knobs!, k => k.Id == SocketKnobId.QuickAck && k.Side == side);
            var match = Rearms().Match(knob.Evidence ?? string.Empty);
            Assert.True(match.Success, knob.Describe());
            long rearms = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            // at least one re-arm per transaction that side completed inside the window (warm-up adds more)
            Assert.True(rearms >= (long)rep.Metrics[MetricIds.Transactions], $"{side}: {knob.Evidence} for {rep.Metrics[MetricIds.Transactions]} transactions");
            Assert.Contains("(0 refused)", knob.Evidence, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 30_000)]
    public void QuickAckOff_RecordsNoQuickAckKnob()
    {
        var c = CaseParameters.Apply(new Case(), "pattern", "rr") with { DurationMs = 200, WarmupMs = 50, IntervalMs = 100 };
        var rep = Assert.Single(new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken).Repetitions);
        Assert.DoesNotContain(rep.Knobs ?? [], k => k.Id == SocketKnobId.QuickAck);
    }

    [GeneratedRegex(@"re-armed (\d+) times")]
    private static partial Regex Rearms();
}
