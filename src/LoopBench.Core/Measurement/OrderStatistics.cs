namespace LoopBench.Core.Measurement;

/// <summary>
/// The distribution-free interval of a median from order statistics. For n values in order, the
/// population median lies in [x(k), x(n+1−k)] with probability 1 − 2·P(Binomial(n, ½) ≤ k−1), whatever
/// the distribution; the narrowest symmetric pair whose coverage is at least the level is used. At
/// n = 10 that is [x(2), x(9)], coverage 97.85 % (the next narrower, [x(3), x(8)], covers 89.1 %).
/// </summary>
internal static class OrderStatistics
{
    /// <summary>The 1-based k of [x(k), x(n+1−k)] and its coverage; k = 1 (min, max) when nothing narrower reaches the level.</summary>
    public static (int K, double Coverage) Rank(int n, double level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        int k = 1;
        while (k + 1 <= n + 1 - (k + 1) && Coverage(n, k + 1) >= level)
        {
            k++;
        }

        return (k, Coverage(n, k));
    }

    /// <summary>P(x(k) ≤ median ≤ x(n+1−k)) = 1 − 2·P(Binomial(n, ½) ≤ k−1).</summary>
    public static double Coverage(int n, int k)
    {
        double tail = 0, term = Math.Pow(0.5, n); // C(n, 0) / 2^n
        for (int i = 0; i < k; i++)
        {
            tail += term;
            term = term * (n - i) / (i + 1);
        }

        return Math.Max(0, 1 - (2 * tail));
    }
}
