using System.Globalization;
using System.Text.Json;

namespace LoopBench.Core.Measurement;

/// <summary>
/// Pure parsers for the kernel's counter files: text in, "Group.Name" → value out. Tested on
/// recorded samples; <see cref="KernelCounters"/> does the reading.
/// </summary>
internal static class KernelCounterParsers
{
    /// <summary>
    /// /proc/net/snmp and /proc/net/netstat: pairs of lines "Tcp: Name Name …" / "Tcp: 1 2 …".
    /// Keys are "Tcp.RetransSegs", "TcpExt.TCPBacklogDrop". <paramref name="groups"/> limits the groups
    /// kept (null keeps all).
    /// </summary>
    public static void ParseSnmp(string text, IDictionary<string, long> into, IReadOnlySet<string>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(into);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i + 1 < lines.Length; i += 2)
        {
            var names = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var values = lines[i + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (names.Length == 0 || !string.Equals(names[0], values[0], StringComparison.Ordinal))
            {
                i--; // out of step: resynchronise on the next line
                continue;
            }

            string group = names[0].TrimEnd(':');
            if (groups is not null && !groups.Contains(group))
            {
                continue;
            }

            for (int k = 1; k < Math.Min(names.Length, values.Length); k++)
            {
                if (long.TryParse(values[k], NumberStyles.Integer, CultureInfo.InvariantCulture, out long v))
                {
                    into[$"{group}.{names[k]}"] = v;
                }
            }
        }
    }

    /// <summary>/proc/net/dev for one interface: "dev.lo.rx_packets", rx_drop, tx_packets, tx_drop, rx_bytes, tx_bytes.</summary>
    public static void ParseNetDev(string text, string device, IDictionary<string, long> into)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(into);
        foreach (var line in text.Split('\n'))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || !string.Equals(line[..colon].Trim(), device, StringComparison.Ordinal))
            {
                continue;
            }

            var f = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 16)
            {
                return;
            }

            string p = $"dev.{device}.";
            into[p + "rx_bytes"] = Long(f[0]);
            into[p + "rx_packets"] = Long(f[1]);
            into[p + "rx_errors"] = Long(f[2]);
            into[p + "rx_drop"] = Long(f[3]);
            into[p + "tx_bytes"] = Long(f[8]);
            into[p + "tx_packets"] = Long(f[9]);
            into[p + "tx_errors"] = Long(f[10]);
            into[p + "tx_drop"] = Long(f[11]);
            return;
        }
    }

    /// <summary>
    /// /proc/net/softnet_stat: one line of hex per CPU (processed, dropped, time_squeeze, …; the
    /// 13th column, when present, is the CPU number). Totals as "softnet.dropped" and per CPU as
    /// "softnet.cpu1.dropped".
    /// </summary>
    public static void ParseSoftnet(string text, IDictionary<string, long> into)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(into);
        long processed = 0, dropped = 0, squeezed = 0;
        int row = 0;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 3)
            {
                continue;
            }

            long cpu = f.Length >= 13 ? Hex(f[12]) : row;
            long p = Hex(f[0]), d = Hex(f[1]), s = Hex(f[2]);
            into[$"softnet.cpu{cpu}.processed"] = p;
            into[$"softnet.cpu{cpu}.dropped"] = d;
            into[$"softnet.cpu{cpu}.time_squeeze"] = s;
            (processed, dropped, squeezed) = (processed + p, dropped + d, squeezed + s);
            row++;
        }

        into["softnet.processed"] = processed;
        into["softnet.dropped"] = dropped;
        into["softnet.time_squeeze"] = squeezed;
    }

    /// <summary>/proc/net/sockstat: "TCP: inuse 1 orphan 0 tw 1 …" → "sockstat.TCP.tw". Gauges.</summary>
    public static void ParseSockstat(string text, IDictionary<string, long> into)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(into);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string group = f[0].TrimEnd(':');
            for (int k = 1; k + 1 < f.Length; k += 2)
            {
                if (long.TryParse(f[k + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long v))
                {
                    into[$"sockstat.{group}.{f[k]}"] = v;
                }
            }
        }
    }

    /// <summary>
    /// `tc -s -j qdisc show dev DEV` JSON: the root qdisc's bytes, packets, drops, overlimits,
    /// requeues, backlog and qlen as "qdisc.lo.drops"; plus "qdisc.lo.kind" is returned separately.
    /// </summary>
    public static string? ParseQdisc(string json, string device, IDictionary<string, long> into)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(into);
        using var document = JsonDocument.Parse(json);
        foreach (var qdisc in document.RootElement.EnumerateArray())
        {
            if (!qdisc.TryGetProperty("root", out var root) || root.ValueKind != JsonValueKind.True)
            {
                continue;
            }

            foreach (var name in (ReadOnlySpan<string>)["bytes", "packets", "drops", "overlimits", "requeues", "backlog", "qlen"])
            {
                if (qdisc.TryGetProperty(name, out var value) && value.TryGetInt64(out long v))
                {
                    into[$"qdisc.{device}.{name}"] = v;
                }
            }

            return qdisc.TryGetProperty("kind", out var kind) ? kind.GetString() : null;
        }

        return null;
    }

    private static long Long(string s) => long.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static long Hex(string s) => long.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
