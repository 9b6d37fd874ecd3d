using System.Globalization;
using System.Text;
using LoopBench.Core.Results;

namespace LoopBench.Cli.Terminal;

/// <summary>The timestamps lines under the summary table: where a sampled round trip's time went.</summary>
internal static class SummaryStamps
{
    private static readonly string[] Names = ["client send", "request stack", "server wake", "server turnaround", "server send", "response stack", "client wake"];

    /// <summary>Empty for a case without timestamps; a missing component prints "-" (its reason is in the notes).</summary>
    public static string Render(RepetitionResult repetition)
    {
        ArgumentNullException.ThrowIfNull(repetition);
        var m = repetition.Metrics;
        if (!m.TryGetValue(MetricIds.StampSampleEvery, out double every))
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"stamps   1 in {every:0} transactions sampled, {m.GetValueOrDefault(MetricIds.StampSamples):0} complete; ")
            .Append("sum of parts / RTT median ")
            .Append(m.TryGetValue(MetricIds.StampSumOverRttMedian, out double ratio) ? ratio.ToString("0.000", CultureInfo.InvariantCulture) : "-")
            .Append('\n');
        text.Append("  p50 (p99) µs  ").AppendJoin(", ", MetricIds.StampComponents.Select((ids, i) =>
            $"{Names[i]} {Figures.Micros(m.TryGetValue(ids.P50, out double p50) ? p50 : null)} ({Figures.Micros(m.TryGetValue(ids.P99, out double p99) ? p99 : null)})"))
            .Append('\n');
        return text.ToString();
    }
}
