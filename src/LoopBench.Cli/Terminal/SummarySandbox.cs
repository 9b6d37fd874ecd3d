using System.Globalization;
using System.Text;
using LoopBench.Core;
using LoopBench.Core.Results;

namespace LoopBench.Cli.Terminal;

/// <summary>The sandbox lines of the summary: what the namespace really had (read back inside it), and host sysctls changed.</summary>
internal static class SummarySandbox
{
    // Mbit/s as tc itself is usually given ("rate 100mbit"), so the read-back reads like the setting.
    private static readonly UnitScale QdiscRate = UnitScale.Named(MetricUnitKind.BitsPerSecond, "Mbit/s");

    public static string Render(RepetitionResult repetition)
    {
        var text = new StringBuilder();
        if (repetition.Sandbox is { } s)
        {
            var l = s.Link;
            text.Append(CultureInfo.InvariantCulture, $"netns    inode {s.NamespaceInode}; lo mtu {l.MtuBytes} B, txqueuelen {l.TxQueueLenPackets}")
                .Append(l.GsoMaxSizeBytes is long gso ? string.Create(CultureInfo.InvariantCulture, $", gso_max_size {gso} B") : string.Empty)
                .Append(l.Addresses.Count > 0 ? $", addresses {string.Join(' ', l.Addresses)}" : string.Empty).Append(" (read back)\n");
            foreach (var q in s.Qdiscs)
            {
                text.Append(CultureInfo.InvariantCulture, $"qdisc    {q.Kind} {q.Handle} parent {q.Parent}")
                    .Append(q.Limit is long limit ? string.Create(CultureInfo.InvariantCulture, $" limit {limit}") : string.Empty)
                    .Append(q.RateBytesPerSecond is long rate ? " rate " + QdiscRate.Figure(rate * 8.0, "0.###") : string.Empty)
                    .Append(CultureInfo.InvariantCulture, $": sent {q.SentPackets} packets, dropped {q.Drops}, overlimits {q.Overlimits}, requeues {q.Requeues} (whole child run)\n");
            }

            var set = s.Commands.Where(c => c.StartsWith("sysctl", StringComparison.Ordinal)).ToList();
            if (set.Count > 0)
            {
                text.Append("sysctls  ").AppendJoin("; ", set).Append('\n');
            }
        }

        foreach (var entry in repetition.HostSysctls ?? [])
        {
            text.Append(CultureInfo.InvariantCulture, $"host     {entry.Key} = {entry.NewValue} (was {entry.OldValue}; restored after the run)\n");
        }

        foreach (string note in repetition.Notes ?? [])
        {
            text.Append("note     ").Append(note).Append('\n');
        }

        return text.ToString();
    }
}
