namespace LoopBench.Core.Measurement;

/// <summary>
/// Plain-words meanings of the kernel counters LoopBench reports, keyed "Group.Name" as
/// <see cref="KernelCounterParsers"/> names them. Counters not listed get a generic meaning from
/// their group, so a new kernel counter still shows up, just less well explained.
/// </summary>
internal static class CounterCatalog
{
    /// <summary>A counter's meaning and whether it is a level (gauge) rather than a running total.</summary>
    public readonly record struct Entry(string Meaning, bool IsGauge);

    private static readonly Dictionary<string, Entry> Entries = new(StringComparer.Ordinal)
    {
        ["Ip.InReceives"] = new("IP packets received (loopback counts each packet once in, once out)", false),
        ["Ip.InDelivers"] = new("IP packets delivered to TCP, UDP and other protocols", false),
        ["Ip.OutRequests"] = new("IP packets handed to the IP layer for sending", false),
        ["Ip.OutTransmits"] = new("IP packets passed to the device layer (fragments counted)", false),
        ["Ip.InDiscards"] = new("IP packets received and dropped for lack of resources", false),
        ["Ip.OutDiscards"] = new("IP packets to send dropped for lack of resources", false),
        ["Tcp.ActiveOpens"] = new("TCP connections opened by connect()", false),
        ["Tcp.PassiveOpens"] = new("TCP connections accepted by a listener", false),
        ["Tcp.AttemptFails"] = new("TCP connection attempts that failed", false),
        ["Tcp.EstabResets"] = new("established TCP connections reset", false),
        ["Tcp.CurrEstab"] = new("TCP connections established now", true),
        ["Tcp.InSegs"] = new("TCP segments received", false),
        ["Tcp.OutSegs"] = new("TCP segments sent (retransmissions excluded)", false),
        ["Tcp.RetransSegs"] = new("TCP segments retransmitted", false),
        ["Tcp.InErrs"] = new("TCP segments received with errors (bad checksum, no buffer)", false),
        ["Tcp.OutRsts"] = new("TCP resets sent", false),
        ["Udp.InDatagrams"] = new("UDP datagrams delivered to sockets", false),
        ["Udp.NoPorts"] = new("UDP datagrams to a port nobody listens on", false),
        ["Udp.InErrors"] = new("UDP datagrams that could not be delivered (receive buffer errors included)", false),
        ["Udp.OutDatagrams"] = new("UDP datagrams sent", false),
        ["Udp.RcvbufErrors"] = new("UDP receive buffer errors: datagrams dropped because the receive buffer was full", false),
        ["Udp.SndbufErrors"] = new("UDP send buffer errors: send buffer full, or (without IP_RECVERR) datagrams the qdisc dropped while send() reported success", false),
        ["Udp.MemErrors"] = new("UDP datagrams dropped because UDP memory (net.ipv4.udp_mem) ran out", false),
        ["UdpLite.RcvbufErrors"] = new("UDP-Lite datagrams dropped because the receive buffer was full", false),
        ["TcpExt.PruneCalled"] = new("TCP receive queues pruned under memory pressure (receive buffer overrun)", false),
        ["TcpExt.RcvPruned"] = new("TCP packets dropped from a receive queue after pruning failed", false),
        ["TcpExt.OfoPruned"] = new("TCP out-of-order queues dropped to free memory", false),
        ["TcpExt.TW"] = new("TCP connections that finished TIME_WAIT", false),
        ["TcpExt.DelayedACKs"] = new("TCP delayed ACKs sent", false),
        ["TcpExt.DelayedACKLocked"] = new("TCP delayed ACKs postponed because the application held the socket", false),
        ["TcpExt.ListenOverflows"] = new("TCP connections dropped because a listener's accept queue was full", false),
        ["TcpExt.ListenDrops"] = new("TCP connection requests dropped by a listener, for any reason", false),
        ["TcpExt.TCPBacklogDrop"] = new("TCP packets dropped because the socket backlog was full while the application held the socket", false),
        ["TcpExt.TCPBacklogCoalesce"] = new("TCP segments merged into the socket backlog while the application held the socket", false),
        ["TcpExt.DelayedACKLost"] = new("TCP duplicate data received because our delayed ACK came too late", false),
        ["TcpExt.TCPLossProbes"] = new("TCP tail loss probes sent", false),
        ["TcpExt.TCPDSACKRecv"] = new("TCP D-SACKs received: the peer got a segment twice (spurious retransmission)", false),
        ["TcpExt.TCPDSACKOldSent"] = new("TCP D-SACKs sent for old duplicate data", false),
        ["TcpExt.TCPRcvQDrop"] = new("TCP packets dropped because the receive queue had no memory", false),
        ["TcpExt.TCPZeroWindowDrop"] = new("TCP packets dropped because the receive window was zero", false),
        ["TcpExt.TCPLostRetransmit"] = new("TCP retransmissions that were themselves lost", false),
        ["TcpExt.TCPFastRetrans"] = new("TCP fast retransmits (after duplicate ACKs or SACK)", false),
        ["TcpExt.TCPSlowStartRetrans"] = new("TCP retransmits in slow start after a loss", false),
        ["TcpExt.TCPTimeouts"] = new("TCP retransmission timeouts (RTO)", false),
        ["TcpExt.TCPOFOQueue"] = new("TCP packets queued out of order", false),
        ["TcpExt.TCPMemoryPressures"] = new("times TCP entered memory pressure (net.ipv4.tcp_mem)", false),
        ["TcpExt.TCPAbortOnMemory"] = new("TCP connections aborted for lack of memory", false),
        ["TcpExt.TCPAutoCorking"] = new("TCP sends held back briefly by auto-corking to coalesce small writes", false),
        ["TcpExt.TCPOrigDataSent"] = new("TCP segments with new data sent", false),
        ["TcpExt.TCPHPHits"] = new("TCP data segments taken by the header-prediction fast path", false),
        ["TcpExt.TCPPureAcks"] = new("TCP pure ACKs received", false),
        ["TcpExt.TCPHPAcks"] = new("TCP ACKs taken by the fast path", false),
        ["TcpExt.TCPRcvCoalesce"] = new("TCP received segments coalesced into the previous skb", false),
        ["TcpExt.TCPWantZeroWindowAdv"] = new("times TCP wanted to advertise a zero window (receiver not reading fast enough)", false),
        ["TcpExt.TCPToZeroWindowAdv"] = new("TCP windows shrunk to zero", false),
        ["TcpExt.TCPFromZeroWindowAdv"] = new("TCP windows reopened from zero", false),
        ["TcpExt.TCPDelivered"] = new("TCP segments delivered (acknowledged) to the peer", false),
        ["TcpExt.TCPSackRecovery"] = new("TCP recoveries from loss using SACK", false),
        ["TcpExt.TCPKeepAlive"] = new("TCP keepalive probes sent", false),
        ["TcpExt.TCPSpuriousRtxHostQueues"] = new("TCP retransmits skipped because the original was still in a host queue", false),
        ["IpExt.InOctets"] = new("IP bytes received", false),
        ["IpExt.OutOctets"] = new("IP bytes sent", false),
        ["IpExt.InNoECTPkts"] = new("IP packets received without ECN capability", false),
        ["IpExt.InECT0Pkts"] = new("IP packets received with ECT(0)", false),
        ["IpExt.InCEPkts"] = new("IP packets received marked Congestion Experienced", false),
        ["softnet.processed"] = new("packets processed by the receive softirq (all CPUs)", false),
        ["softnet.dropped"] = new("packets dropped because a CPU's input backlog was full (net.core.netdev_max_backlog)", false),
        ["softnet.time_squeeze"] = new("times the receive softirq ran out of budget or time with work left (net.core.netdev_budget)", false),
        ["sockstat.sockets.used"] = new("sockets in use, all families", true),
        ["sockstat.TCP.inuse"] = new("TCP sockets in use", true),
        ["sockstat.TCP.orphan"] = new("TCP sockets no longer attached to a file (closing)", true),
        ["sockstat.TCP.tw"] = new("TCP sockets in TIME_WAIT", true),
        ["sockstat.TCP.alloc"] = new("TCP sockets allocated", true),
        ["sockstat.TCP.mem"] = new("TCP memory in use, in pages", true),
        ["sockstat.UDP.inuse"] = new("UDP sockets in use", true),
        ["sockstat.UDP.mem"] = new("UDP memory in use, in pages", true),
    };

    /// <summary>The meaning of a counter, or a generic one from its group.</summary>
    public static Entry Describe(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Entries.TryGetValue(name, out var entry))
        {
            return entry;
        }

        string[] parts = name.Split('.');
        return parts[0] switch
        {
            "dev" when parts.Length == 3 => DeviceEntry(parts[1], parts[2]),
            "qdisc" when parts.Length == 3 => QdiscEntry(parts[1], parts[2]),
            "softnet" when parts.Length == 3 => new($"{Describe("softnet." + parts[2]).Meaning.Replace(" (all CPUs)", string.Empty, StringComparison.Ordinal)}, on {parts[1]}", false),
            "sockstat" => new($"{name[9..]}: a socket gauge from /proc/net/sockstat", true),
            "TcpExt" => new($"TCP extended counter {parts[^1]} (/proc/net/netstat)", false),
            "IpExt" => new($"IP extended counter {parts[^1]} (/proc/net/netstat)", false),
            _ => new($"{name} (/proc/net/snmp)", false),
        };
    }

    private static Entry DeviceEntry(string device, string field) => field switch
    {
        "rx_packets" => new($"packets received on {device}", false),
        "tx_packets" => new($"packets sent on {device}", false),
        "rx_bytes" => new($"bytes received on {device}", false),
        "tx_bytes" => new($"bytes sent on {device}", false),
        "rx_drop" => new($"packets dropped on receive by {device}", false),
        "tx_drop" => new($"packets dropped on send by {device}", false),
        "rx_errors" => new($"receive errors on {device}", false),
        "tx_errors" => new($"send errors on {device}", false),
        _ => new($"{field} on {device}", false),
    };

    private static Entry QdiscEntry(string device, string field) => field switch
    {
        "bytes" => new($"bytes sent through {device}'s root qdisc", false),
        "packets" => new($"packets sent through {device}'s root qdisc", false),
        "drops" => new($"packets dropped by {device}'s qdisc (queue full or policed)", false),
        "overlimits" => new($"times {device}'s qdisc held packets back over its rate or limit", false),
        "requeues" => new($"packets {device}'s qdisc had to requeue because the device was busy", false),
        "backlog" => new($"bytes queued in {device}'s qdisc now", true),
        "qlen" => new($"packets queued in {device}'s qdisc now", true),
        _ => new($"{field} of {device}'s qdisc", false),
    };
}
