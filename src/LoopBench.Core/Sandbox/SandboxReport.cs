namespace LoopBench.Core.Sandbox;

/// <summary>What the namespace really had while the case ran: read back from inside it, never echoed from the request.</summary>
/// <param name="NamespaceInode">Inode of the child's /proc/self/ns/net (as lsns shows it).</param>
/// <param name="Link">lo as read back after setup.</param>
/// <param name="Qdiscs">Qdiscs on lo with counters over the case (after minus before), root first.</param>
/// <param name="Sysctls">Effective per-namespace sysctls: the recorded set plus every key the case set.</param>
/// <param name="Commands">The ip/tc commands applied, in order, to reproduce the setup by hand.</param>
internal sealed record SandboxReport(
    long NamespaceInode,
    LinkState Link,
    IReadOnlyList<QdiscState> Qdiscs,
    SortedDictionary<string, string> Sysctls,
    IReadOnlyList<string> Commands);

/// <summary>lo as <c>ip -d link</c> and <c>ip addr</c> show it.</summary>
/// <param name="MtuBytes">lo MTU.</param>
/// <param name="TxQueueLenPackets">txqueuelen.</param>
/// <param name="GsoMaxSizeBytes">Largest GSO packet: lo still carries 64 KiB packets when the MTU is small.</param>
/// <param name="TsoMaxSizeBytes">Largest TSO packet the device takes.</param>
/// <param name="Up">True when lo is up.</param>
/// <param name="Addresses">Addresses on lo as "address/prefix".</param>
internal sealed record LinkState(int MtuBytes, int TxQueueLenPackets, long? GsoMaxSizeBytes, long? TsoMaxSizeBytes, bool Up, IReadOnlyList<string> Addresses);

/// <summary>One qdisc on lo with its counters.</summary>
/// <param name="Kind">tc kind, e.g. "pfifo".</param>
/// <param name="Handle">Handle, e.g. "10:".</param>
/// <param name="Parent">Parent class, or "root".</param>
/// <param name="Limit">limit option (packets or bytes), when the qdisc has one.</param>
/// <param name="RateBytesPerSecond">tbf rate in bytes/s as tc reports it.</param>
/// <param name="BurstBytes">tbf burst in bytes as tc reports it.</param>
/// <param name="SentBytes">Bytes dequeued.</param>
/// <param name="SentPackets">Packets dequeued.</param>
/// <param name="Drops">Packets dropped.</param>
/// <param name="Overlimits">Times the shaper held a packet back.</param>
/// <param name="Requeues">Requeues.</param>
internal sealed record QdiscState(
    string Kind,
    string Handle,
    string Parent,
    long? Limit,
    long? RateBytesPerSecond,
    long? BurstBytes,
    long SentBytes,
    long SentPackets,
    long Drops,
    long Overlimits,
    long Requeues)
{
    /// <summary>Counters of this minus <paramref name="before"/> (same qdisc earlier).</summary>
    public QdiscState Minus(QdiscState? before) => before is null ? this : this with
    {
        SentBytes = SentBytes - before.SentBytes,
        SentPackets = SentPackets - before.SentPackets,
        Drops = Drops - before.Drops,
        Overlimits = Overlimits - before.Overlimits,
        Requeues = Requeues - before.Requeues,
    };
}
