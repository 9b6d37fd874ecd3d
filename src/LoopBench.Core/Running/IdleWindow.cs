using System.Globalization;
using LoopBench.Core.Results;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running;

/// <summary>
/// Whether a repetition's window moved anything. A window in which a stream moved no byte or an rr
/// flow completed no transaction measured nothing: passing it with 0 bit/s would let a stalled pair
/// pass as a slow one. Two kinds of case may legitimately show nothing and are judged on what they
/// asked for: a pace under one message (or request) per window, and UDP, where everything sent may
/// be dropped (netem loss), so only what was sent counts.
/// </summary>
internal static class IdleWindow
{
    /// <summary>
    /// Why <paramref name="repetition"/> of the resolved case <paramref name="c"/> measured nothing
    /// (e.g. "no bytes moved in the 1.0 s window"), or null when it moved what it should have, was
    /// interrupted, or carries no figure to judge by.
    /// </summary>
    public static string? Reason(Case c, RepetitionResult repetition)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(repetition);
        if (repetition.Interrupted)
        {
            return null; // Ctrl-C may close the window before anything could move
        }

        double seconds = repetition.ElapsedNs / 1e9;
        double ratePerSecond = c.ToWorkloadParameters().RatePerSecond;
        if (ratePerSecond > 0 && ratePerSecond * seconds < 1)
        {
            return null; // paced below one message or request per window: nothing was due
        }

        var (metric, nothing) = Judged(c, repetition.Metrics);
        return repetition.Metrics.TryGetValue(metric, out double moved) && moved <= 0
            ? string.Create(CultureInfo.InvariantCulture, $"{nothing} in the {seconds:0.0##} s window")
            : null;
    }

    /// <summary>The figure that shows whether the case moved anything, and how to say that it did not.</summary>
    private static (string Metric, string Nothing) Judged(Case c, IReadOnlyDictionary<string, double> metrics)
    {
        if (c.Transport.CanLose())
        {
            return metrics.ContainsKey(MetricIds.DatagramsSent)
                ? (MetricIds.DatagramsSent, "no datagrams sent")
                : (MetricIds.SentBytes, "no bytes sent");
        }

        return c.Pattern.IsTransactional()
            ? (MetricIds.Transactions, "no transactions completed")
            : (MetricIds.Bytes, "no bytes moved");
    }
}
