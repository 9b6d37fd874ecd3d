namespace LoopBench.Core.Sandbox;

/// <summary>What this host can do for sandboxed cases, detected rather than assumed. <c>loopbench env</c> prints it; the runner skips by it.</summary>
/// <param name="IsRoot">Effective uid 0.</param>
/// <param name="CapNetAdmin">CAP_NET_ADMIN in /proc/self/status CapEff.</param>
/// <param name="CanCreateNetworkNamespace">A throwaway <c>unshare --net</c> worked.</param>
/// <param name="NamespaceError">Why it did not, else null.</param>
/// <param name="CongestionControlAvailable">tcp_available_congestion_control.</param>
/// <param name="CongestionControlAllowed">tcp_allowed_congestion_control (what non-root sockets may pick).</param>
/// <param name="Qdiscs">Each qdisc tried on lo inside a throwaway namespace.</param>
/// <param name="Ipv6OnLo">::1 is configured on the host's lo.</param>
/// <param name="Limits">Host-wide limits such as net.core.rmem_max, by sysctl name.</param>
/// <param name="Tools">tcpdump, iperf3, sockperf, ip, tc, unshare, lsns: full path, or null when absent.</param>
internal sealed record Capabilities(
    bool IsRoot,
    bool CapNetAdmin,
    bool CanCreateNetworkNamespace,
    string? NamespaceError,
    IReadOnlyList<string> CongestionControlAvailable,
    IReadOnlyList<string> CongestionControlAllowed,
    IReadOnlyList<QdiscProbe> Qdiscs,
    bool Ipv6OnLo,
    SortedDictionary<string, string> Limits,
    SortedDictionary<string, string?> Tools)
{
    /// <summary>Why <paramref name="kind"/> cannot be used, or null when it works.</summary>
    public string? QdiscUnavailableReason(QdiscKind kind)
    {
        if (kind == QdiscKind.Default)
        {
            return null;
        }

        var probe = Qdiscs.FirstOrDefault(q => q.Kind == kind.TcName());
        return probe switch
        {
            null => $"qdisc {kind.TcName()} was not probed",
            { Works: true } => null,
            _ => $"qdisc {kind.TcName()} does not work on this kernel (sch_{kind.TcName()} not built or not loadable): {probe.Error}",
        };
    }
}

/// <summary>One qdisc tried as lo's root qdisc in a throwaway namespace.</summary>
/// <param name="Kind">tc name.</param>
/// <param name="Works">tc accepted it.</param>
/// <param name="Error">tc's message when it did not.</param>
internal sealed record QdiscProbe(string Kind, bool Works, string? Error);
