using LoopBench.Core.Results;
using LoopBench.Core.Scenarios;

namespace LoopBench.Core.Running;

/// <summary>
/// The order and the time budget of a scenario run. Repetitions run in rounds: round r holds the
/// r-th repetition of every case that still needs one, in an order shuffled from the recorded
/// seed and the round number. Slow drift (thermal, other tenants) is then spread over all cases
/// instead of landing on one, and a resumed run replays exactly the same order.
/// </summary>
internal static class RunPlan
{
    /// <summary>Per-repetition cost beyond warm-up and window: connect, thread start, drain (measured ~50–150 ms on 2 cores).</summary>
    public const long OverheadMs = 150;

    /// <summary>Slack of the automatic per-repetition timeout beyond twice the repetition's own length.</summary>
    public const long TimeoutSlackMs = 30_000;

    /// <summary>The case indexes of round <paramref name="round"/>, shuffled (Fisher–Yates over a seeded <see cref="Random"/>, whose seeded sequence .NET keeps stable).</summary>
    public static int[] Order(int caseCount, int seed, int round)
    {
        var order = Enumerable.Range(0, caseCount).ToArray();
#pragma warning disable CA5394 // not security: a reproducible shuffle is the point
        var random = new Random(unchecked((seed * 397) ^ ((round * 7919) + 1)));
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
#pragma warning restore CA5394
        return order;
    }

    /// <summary>How long one repetition of <paramref name="c"/> takes, estimated.</summary>
    public static long RepetitionMs(Case c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.WarmupMs + c.DurationMs + OverheadMs;
    }

    /// <summary>The per-repetition timeout: the configured one, else 2 × the repetition's length + 30 s.</summary>
    public static TimeSpan TimeoutFor(Case c, RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return TimeSpan.FromMilliseconds(settings.TimeoutMs > 0 ? settings.TimeoutMs : (2 * RepetitionMs(c)) + TimeoutSlackMs);
    }

    /// <summary>Estimated total time of <paramref name="repetitions"/> repetitions of every case.</summary>
    public static TimeSpan Estimate(IEnumerable<Case> cases, int repetitions) =>
        TimeSpan.FromMilliseconds(cases.Sum(c => RepetitionMs(c) * repetitions));
}
