using System.Globalization;

namespace LoopBench.Core.Results;

/// <summary>
/// Checks the values of a bound run document that its types cannot: a number of the right JSON
/// type but of a range no run produces. A hand-edited or foreign run.json binds, and then a
/// consumer fails far from the file (a latency count of 2^63 overflows the merged histogram, and
/// the report's log axis then asks for billions of ticks). Reports the first bad value by its JSON
/// path, with what a run document holds there.
/// </summary>
internal static class RunDocumentValues
{
    /// <summary>A histogram bucket as written: [lowerNs, widthNs, count].</summary>
    private const int BucketLength = 3;

    /// <summary>The first value out of range, as "path is X; expected Y", or null when every value is usable.</summary>
    public static string? FirstInvalid(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        for (int c = 0; c < run.Cases.Count; c++)
        {
            var repetitions = run.Cases[c].Repetitions;
            long caseCount = 0; // the report merges a case's repetitions: their sum must fit too
            for (int r = 0; r < repetitions.Count; r++)
            {
                if (Buckets(repetitions[r].LatencyBuckets, $"$.cases[{c}].repetitions[{r}].latencyBuckets", ref caseCount) is string problem)
                {
                    return problem;
                }
            }
        }

        return null;
    }

    private static string? Buckets(IReadOnlyList<long[]>? buckets, string path, ref long caseCount)
    {
        for (int b = 0; b < (buckets?.Count ?? 0); b++)
        {
            long[] bucket = buckets![b];
            string at = $"{path}[{b}]";
            if (bucket.Length != BucketLength)
            {
                return $"{at} has {Text(bucket.Length)} numbers; expected [lowerNs, widthNs, count]";
            }

            if (bucket[0] < 0 || bucket[1] <= 0 || bucket[0] > long.MaxValue - bucket[1])
            {
                return $"{at} is the bucket [{Text(bucket[0])}, {Text(bucket[1])}); expected lowerNs ≥ 0 and widthNs > 0 with their sum a 64-bit nanosecond count";
            }

            if (bucket[2] < 0 || bucket[2] > long.MaxValue - caseCount)
            {
                return $"{at}[2] is {Text(bucket[2])}; expected a count ≥ 0, with the case's counts summing to less than 2^63";
            }

            caseCount += bucket[2];
        }

        return null;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
