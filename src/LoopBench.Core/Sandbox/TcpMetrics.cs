namespace LoopBench.Core.Sandbox;

/// <summary>
/// The kernel's TCP metrics cache (ssthresh, rtt, cwnd, reordering per destination): one
/// repetition's connections shape the next one's unless it is emptied. Host repetitions call
/// <see cref="Flush"/> before each repetition; inside a namespace the child sets
/// net.ipv4.tcp_no_metrics_save=1 instead (see <see cref="NamespaceSetup.NoMetricsSaveKey"/>).
/// </summary>
internal static class TcpMetrics
{
    /// <summary>
    /// <c>ip tcp_metrics flush</c> in the caller's namespace. Harmless: the cache only holds hints,
    /// and the kernel refills it from the next connection. Returns null on success, else why not
    /// (for example, no CAP_NET_ADMIN); callers record the reason rather than fail the case.
    /// </summary>
    public static string? Flush()
    {
        var output = ToolRunner.Run(["ip", "tcp_metrics", "flush"]);
        return output.Ok ? null : $"ip tcp_metrics flush failed (exit {output.ExitCode}): {output.Stderr.Trim()}";
    }

    /// <summary>Number of cached destinations (<c>ip tcp_metrics show</c> lines), or -1 when unreadable.</summary>
    public static int Count()
    {
        var output = ToolRunner.Run(["ip", "tcp_metrics", "show"]);
        return output.Ok ? output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length : -1;
    }
}
