using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running;

/// <summary>Which ends count a pattern's figure, and their totals: one definition for intervals and the repetition.</summary>
internal static class EndTotals
{
    /// <summary>Stream counts what the receivers got; rr counts the client's transactions (rr-under-load: the response reader's).</summary>
    public static bool IsPrimary(WorkloadEnd end) =>
        end.Direction == EndDirection.Receive || (end.Direction == EndDirection.Both && end.Role == EndRole.Client);

    /// <summary>The primary ends' bytes and transactions, each end read once; per flow into <paramref name="flows"/> when given.</summary>
    public static (long Bytes, long Transactions) Primary(IReadOnlyList<WorkloadEnd> ends, long[]? flows = null)
    {
        long bytes = 0, transactions = 0;
        for (int i = 0; i < ends.Count; i++)
        {
            var end = ends[i];
            if (IsPrimary(end))
            {
                var (b, _, t) = end.Counters.Read();
                bytes += b;
                transactions += t;
                if (flows is not null)
                {
                    flows[end.Flow] += b;
                }
            }
        }

        return (bytes, transactions);
    }
}
