using System.Collections.Concurrent;
using LoopBench.Core.Results;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;

namespace LoopBench.Core.Comparison;

/// <summary>
/// The Hodges–Lehmann two-sample shift of log values (the median of all pairwise differences
/// log y − log x), so exp(shift) estimates the candidate/baseline ratio; with the distribution-free
/// confidence interval obtained by inverting the exact Mann–Whitney test (Hollander &amp; Wolfe, §4.3):
/// [D(c), D(nm+1−c)] where c is the largest count with P(U ≤ c−1) ≤ α under the null.
/// </summary>
/// <remarks>
/// α here is a one-tail probability: the interval is a (1 − 2α) two-sided one, so the chance that it
/// lies wholly on the worse side of "no change" when nothing changed — a false regression — is at
/// most α, and likewise for a false improvement. That is the per-test rate compare promises.
/// </remarks>
/// <remarks>
/// 2026-11 rationale: repetitions of a loopback case are few (5–30) and not normal (a stray
/// scheduler hiccup makes one repetition 20% slow), so a t interval would be both wrong and
/// fragile. The rank interval holds its coverage for any continuous distribution, and the log
/// turns a multiplicative change into a shift, which is what "5% slower" means. The exact null
/// distribution is Perfolizer's (Löffler 1982); beyond <see cref="MaxExactTotal"/> observations the
/// 64-bit counts would overflow and its Edgeworth approximation is used instead.
/// </remarks>
internal static class ShiftEstimator
{
    /// <summary>C(66, 33) still fits a long; C(67, 33) does not. 60 keeps a margin.</summary>
    public const int MaxExactTotal = 60;

    private static readonly ConcurrentDictionary<(int N, int M, double Alpha), int> CriticalCache = new();

    /// <summary>P(U &lt; u) under the null for sizes n and m.</summary>
    public static double CdfBelow(int n, int m, int u)
    {
        if (u <= 0)
        {
            return 0;
        }

        if (u > n * m)
        {
            return 1;
        }

        return n + m <= MaxExactTotal
            ? MannWhitneyLoefflerExactCdf.Instance.Cdf(n, m, u)
            : MannWhitneyEdgeworthApproxCdf.Instance.Cdf(n, m, u);
    }

    /// <summary>
    /// The largest c with P(U ≤ c−1) ≤ <paramref name="tail"/>; 0 when even the most extreme ordering
    /// is more likely than that, i.e. no data of these sizes can reach a verdict.
    /// </summary>
    public static int CriticalCount(int n, int m, double tail) => CriticalCache.GetOrAdd((n, m, tail), key =>
    {
        // CdfBelow(c) is non-decreasing in c: binary search the last c with CdfBelow(c) ≤ α/2.
        int lo = 0, hi = (key.N * key.M / 2) + 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (CdfBelow(key.N, key.M, mid) <= key.Alpha)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    });

    /// <summary>True when samples of n and m can reach significance at one-tail α at all: 1 / C(n+m, n) ≤ α.</summary>
    public static bool CanReach(int n, int m, double alpha) => n > 0 && m > 0 && CriticalCount(n, m, alpha) >= 1;

    /// <summary>The smallest equal sample size per side that can reach a verdict at α.</summary>
    public static int MinimumEqualSize(double alpha)
    {
        int n = 2;
        while (!CanReach(n, n, alpha) && n < 1000)
        {
            n++;
        }

        return n;
    }

    /// <summary>Estimates the log shift of <paramref name="candidate"/> over <paramref name="baseline"/> (all values positive).</summary>
    public static ShiftInterval Estimate(IReadOnlyList<double> baseline, IReadOnlyList<double> candidate, double alpha)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        int n = baseline.Count, m = candidate.Count;
        var differences = new double[n * m];
        double u = 0;
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            double x = Math.Log(baseline[i]);
            for (int j = 0; j < m; j++)
            {
                double d = Math.Log(candidate[j]) - x;
                differences[k++] = d;
                u += d > 0 ? 1 : d == 0 ? 0.5 : 0;
            }
        }

        Array.Sort(differences);
        double point = RepetitionValues.Median(differences);
        int c = CriticalCount(n, m, alpha);
        double lower = c >= 1 ? differences[c - 1] : double.NegativeInfinity;
        double upper = c >= 1 ? differences[(n * m) - c] : double.PositiveInfinity;
        return new ShiftInterval(point, lower, upper, c >= 1, TwoSidedP(n, m, u));
    }

    /// <summary>Exact two-sided p-value of the Mann–Whitney U (pairs with candidate &gt; baseline, ties half).</summary>
    public static double TwoSidedP(int n, int m, double u)
    {
        // P(U ≤ u) and, by the null's symmetry, P(U ≥ u) = P(U ≤ nm − u).
        double below = CdfBelow(n, m, (int)Math.Floor(u + 1e-9) + 1);
        double above = CdfBelow(n, m, (int)Math.Floor((n * m) - u + 1e-9) + 1);
        return Math.Min(1, 2 * Math.Min(below, above));
    }
}

/// <summary>A log shift with its interval.</summary>
/// <param name="Point">Hodges–Lehmann shift of the logs.</param>
/// <param name="Lower">Lower bound (−∞ when unreachable).</param>
/// <param name="Upper">Upper bound (+∞ when unreachable).</param>
/// <param name="Reachable">False when the sample sizes cannot reach the confidence level.</param>
/// <param name="PValue">Exact two-sided Mann–Whitney p-value for "no shift".</param>
internal sealed record ShiftInterval(double Point, double Lower, double Upper, bool Reachable, double PValue);
