using System.Globalization;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running;

/// <summary>
/// File descriptors against the open-file limit (<c>ulimit -n</c>). A case that cannot get the
/// sockets it needs fails before it starts, with the numbers, instead of part-way through setup
/// where the runtime may fail first with a misleading error (an assembly that "cannot be found").
/// </summary>
internal static class FileDescriptorBudget
{
    /// <summary>Descriptors kept free for the runtime, /proc reads, child pipes and the results files.</summary>
    public const int RuntimeReserve = 32;

    /// <summary>Descriptors open now and the soft open-file limit; null where /proc cannot tell.</summary>
    public static (int Open, long Limit)? Read()
    {
        try
        {
            long? limit = ParseLimit(File.ReadLines("/proc/self/limits"));
            int open = Directory.EnumerateFileSystemEntries("/proc/self/fd").Count() - 1; // less the listing's own
            return limit is long l ? (open, l) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The soft "Max open files" of /proc/self/limits; null when unlimited or absent.</summary>
    public static long? ParseLimit(IEnumerable<string> limitsLines)
    {
        ArgumentNullException.ThrowIfNull(limitsLines);
        foreach (string line in limitsLines)
        {
            if (!line.StartsWith("Max open files", StringComparison.Ordinal))
            {
                continue;
            }

            string[] fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length > 0 && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out long soft) ? soft : null;
        }

        return null;
    }

    /// <summary>
    /// Sockets a case holds at once: a pair per flow (a pair per direction when a flow sends both ways
    /// on two sockets; when each transaction is a new connection, the flow's listener too, open all
    /// along) and the listener while a pair connects. Where -P counts load flows, the transactions run
    /// on one flow more.
    /// </summary>
    public static int SocketsFor(Case c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var traits = c.Pattern.Traits();
        int pairsPerFlow = traits.BothWays && c.BidirMode != BidirMode.Shared ? 2 : 1;
        int listenersPerFlow = traits.CountsConnections ? 1 : 0;
        int flows = traits.LoadFlows ? c.Parallel + 1 : c.Parallel;
        return (flows * ((2 * pairsPerFlow) + listenersPerFlow)) + 1;
    }

    /// <summary>Why <paramref name="needed"/> more descriptors do not fit, or null when they do.</summary>
    public static string? Shortfall(int needed, int open, long limit)
    {
        long free = limit - open;
        if (needed + RuntimeReserve <= free)
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"not enough file descriptors: the case needs {needed} sockets plus {RuntimeReserve} spare, but the open-file limit (ulimit -n) is {limit} and {open} are already open; raise the limit with 'ulimit -n' or run fewer parallel flows");
    }

    /// <summary>The shortfall for this case right now, or null when it fits (or /proc cannot tell).</summary>
    public static string? ShortfallFor(Case c) => Read() is var (open, limit) ? Shortfall(SocketsFor(c), open, limit) : null;
}
