namespace LoopBench.Core.Interop;

/// <summary>
/// The kernel's lists of TCP congestion controls under /proc/sys/net/ipv4, read in one place for the
/// knob checks, the capability probe, the environment record and calibrate. Kept at this lowest
/// layer so that Sandbox, which may not use Transports, reads them the same way.
/// </summary>
internal static class CongestionControlFiles
{
    /// <summary>tcp_available_congestion_control: the algorithms loaded now; empty when unreadable.</summary>
    public static string[] Available(string procRoot = "/proc") => Words(procRoot, "tcp_available_congestion_control");

    /// <summary>tcp_allowed_congestion_control: what a non-root socket or a non-initial namespace's default may pick; empty when unreadable.</summary>
    public static string[] Allowed(string procRoot = "/proc") => Words(procRoot, "tcp_allowed_congestion_control");

    private static string[] Words(string procRoot, string name)
    {
        try
        {
            return File.ReadAllText(Path.Combine(procRoot, "sys/net/ipv4", name)).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
