using System.Globalization;

namespace LoopBench.Core.Running;

/// <summary>Socket counts of this network namespace from /proc/net/sockstat.</summary>
internal static class KernelSocketStats
{
    /// <summary>TCP sockets in TIME_WAIT ("TCP: inuse 5 orphan 0 tw 3 ..."), or -1 when unreadable.</summary>
    public static long TcpTimeWait()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/net/sockstat"))
            {
                if (!line.StartsWith("TCP:", StringComparison.Ordinal))
                {
                    continue;
                }

                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                int tw = Array.IndexOf(fields, "tw");
                return tw > 0 && tw + 1 < fields.Length && long.TryParse(fields[tw + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)
                    ? value
                    : -1;
            }
        }
        catch (IOException)
        {
            // no procfs here
        }

        return -1;
    }
}
