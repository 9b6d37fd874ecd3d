using LoopBench.Core.Transports;

namespace LoopBench.Core.Workloads;

/// <summary>
/// What a pattern declares about itself on its <see cref="PatternKind"/> member, for the layers that
/// cannot see its unit in Running (validation, case resolution, results, the CLI's tables): they ask
/// <see cref="PatternKinds.Traits"/> instead of listing patterns.
/// </summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
internal sealed class PatternTraitsAttribute : Attribute
{
    /// <summary>Times request/response transactions (primary metric trans/s, latency columns); false counts bytes. Defaults to false.</summary>
    public bool Transactional { get; init; }

    /// <summary>
    /// Each transaction is a new connection: rates read conns/s, a listener stays open per flow, the
    /// transport needs connections, and --close says who ends each one. Defaults to false.
    /// </summary>
    public bool CountsConnections { get; init; }

    /// <summary>
    /// Each transaction moves no data (cc: connect, then close): the case has no request or response
    /// sizes, and -l, --request-size and --response-size are refused. Defaults to false.
    /// </summary>
    public bool Dataless { get; init; }

    /// <summary>Bulk byte flows only: -n byte limits, pacing on datagram transports, TCP Retr/Cwnd columns. Defaults to false.</summary>
    public bool Bulk { get; init; }

    /// <summary>Each flow has one sender (stream, reverse): its Cwnd stands for the flow. Defaults to false.</summary>
    public bool OneWay { get; init; }

    /// <summary>
    /// Each flow sends both ways (bidir): two senders per flow share -n, --bidir-mode picks two pairs or
    /// one shared pair, and each direction has its own throughput. Defaults to false.
    /// </summary>
    public bool BothWays { get; init; }

    /// <summary>
    /// Closed-loop transactions over one pair per flow, --inflight of them outstanding (netperf burst);
    /// over a connectionless transport a lost request times out after --rr-timeout. Defaults to false.
    /// </summary>
    public bool Burst { get; init; }

    /// <summary>
    /// Requests leave at a set rate (--rate), not when the previous response arrives; each carries its
    /// header, and its responses are counted, not sequenced. Defaults to false.
    /// </summary>
    public bool OpenLoop { get; init; }

    /// <summary>
    /// Stream flows run beside the transactions as load: -P counts them (0 allowed) and -l sizes their
    /// writes, so the request and response sizes do not follow -l. Defaults to false.
    /// </summary>
    public bool LoadFlows { get; init; }

    /// <summary>
    /// The flows are the buffer-copying stream workload, whose TCP socket-level variant takes zero-copy
    /// and skip-copy. Defaults to false.
    /// </summary>
    public bool CopiesBuffers { get; init; }

    /// <summary>The one flow can run its server end in a child process (processes: 2). Defaults to false.</summary>
    public bool SplitsAcrossProcesses { get; init; }

    /// <summary>The transports the pattern runs on; empty: every transport. Defaults to empty.</summary>
    public TransportKind[] Transports { get; init; } = [];

    /// <summary>Closed-loop transactions (each waits for the one before): -k can count them.</summary>
    public bool ClosedLoopTransactions => Transactional && !OpenLoop;

    /// <summary>True when the pattern runs on <paramref name="transport"/>.</summary>
    public bool Supports(TransportKind transport) => Transports.Length == 0 || Array.IndexOf(Transports, transport) >= 0;

    /// <summary>
    /// Whether each request and response carries the datagram header (sequence, send times) on
    /// <paramref name="transport"/>: an open loop always does, a burst does over a connectionless transport.
    /// </summary>
    public bool FramesTransactions(TransportKind transport) => OpenLoop || (Burst && transport.IsConnectionless());
}
