using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Running;

/// <summary>
/// One JSON line of the control pipe between a <c>processes: 2</c> parent and its server child
/// (<see cref="ChildServerEnd"/>). Parent to child on stdin: request, expect, open, close. Child to
/// parent on stdout: ready, accepted, progress, result, failed. EOF on stdin means "parent gone".
/// </summary>
internal sealed record ServerEndMessage
{
    /// <summary>Parent: the case and where the server end runs.</summary>
    public const string Request = "request";

    /// <summary>Child: listening at <see cref="Address"/>.</summary>
    public const string Ready = "ready";

    /// <summary>Parent: connected; accept the connection from <see cref="Peer"/> or <see cref="PeerPid"/>.</summary>
    public const string Expect = "expect";

    /// <summary>Child: accepted, with the strays turned away and the server socket's read-back settings.</summary>
    public const string Accepted = "accepted";

    /// <summary>Parent: open your window now.</summary>
    public const string Open = "open";

    /// <summary>Child: in-window counts so far, for interval lines.</summary>
    public const string Progress = "progress";

    /// <summary>Parent: close your window now, then report.</summary>
    public const string Close = "close";

    /// <summary>Child: the final counts of its end; the last message.</summary>
    public const string Result = "result";

    /// <summary>Child: the server end cannot go on; <see cref="Failure"/> says why. The last message.</summary>
    public const string Failed = "failed";

    /// <summary>One of the kinds above.</summary>
    public required string Kind { get; init; }

    /// <summary>request: the resolved case.</summary>
    public Case? Case { get; init; }

    /// <summary>request: the CPU the placement gives the server end; null: unpinned.</summary>
    public int? ServerCpu { get; init; }

    /// <summary>request: the parent's pid (the child dies with it); ready, result: the child's.</summary>
    public int? Pid { get; init; }

    /// <summary>request: how long the child waits for the parent's connection, in ms.</summary>
    public long? ConnectTimeoutMs { get; init; }

    /// <summary>request: how long the child's worker may take to stop after its window closed, in ms.</summary>
    public long? DrainTimeoutMs { get; init; }

    /// <summary>ready: where the child listens ("127.0.0.1:40123", a Unix path, or "@name").</summary>
    public string? Address { get; init; }

    /// <summary>expect: the client's local endpoint (IP transports).</summary>
    public string? Peer { get; init; }

    /// <summary>expect: the client's pid (Unix transports, by SO_PEERCRED).</summary>
    public int? PeerPid { get; init; }

    /// <summary>accepted: strangers' connections closed unread before the parent's arrived.</summary>
    public int? StrayConnections { get; init; }

    /// <summary>accepted: the server socket's settings as the kernel reports them, after its knobs.</summary>
    public SocketEndSettings? ServerSocket { get; init; }

    /// <summary>
    /// accepted: the server socket's knob records (requested, read back, status) as applied after accept;
    /// result: the same with their evidence, read after the server end stopped.
    /// </summary>
    public IReadOnlyList<KnobResult>? ServerKnobs { get; init; }

    /// <summary>progress, result: bytes the server end counted inside its window.</summary>
    public long? Bytes { get; init; }

    /// <summary>progress, result: messages (send or receive calls) counted inside its window.</summary>
    public long? Messages { get; init; }

    /// <summary>progress, result: transactions counted inside its window.</summary>
    public long? Transactions { get; init; }

    /// <summary>result: the end's engine counters over the whole run.</summary>
    public ServerEndCalls? Calls { get; init; }

    /// <summary>result: TCP_QUICKACK re-arms of the server end (the evidence of the server's quickack knob).</summary>
    public long? QuickAckRearms { get; init; }

    /// <summary>result: TCP_QUICKACK re-arms the kernel refused.</summary>
    public long? QuickAckRefused { get; init; }

    /// <summary>result: the child's own window, Stopwatch ticks (CLOCK_MONOTONIC, comparable across processes on one host).</summary>
    public long? T0Ticks { get; init; }

    /// <summary>result: the child's T1, Stopwatch ticks.</summary>
    public long? T1Ticks { get; init; }

    /// <summary>result: the kernel tid of the server end's thread.</summary>
    public int? ThreadId { get; init; }

    /// <summary>result: the server end's thread CPU over the child's window, ns.</summary>
    public long? ThreadCpuNs { get; init; }

    /// <summary>result: the child process's user CPU over its window (getrusage), µs.</summary>
    public long? ProcessUserUs { get; init; }

    /// <summary>result: the child process's system CPU over its window, µs.</summary>
    public long? ProcessSystemUs { get; init; }

    /// <summary>result: the CPUs the server thread was seen on.</summary>
    public IReadOnlyList<int>? CpusObserved { get; init; }

    /// <summary>result: the server thread's run-queue wait over the child's window, ns; null without schedstat.</summary>
    public long? RunQueueWaitNs { get; init; }

    /// <summary>result: the times the server thread was put on a CPU over the child's window; null without schedstat.</summary>
    public long? Timeslices { get; init; }

    /// <summary>result, failed: why the server end stopped early; null when it ended normally.</summary>
    public string? Failure { get; init; }
}

/// <summary>What the child's engine did for its end (the parent folds these into the end's channel counters).</summary>
/// <param name="SendCalls">Send calls.</param>
/// <param name="ReceiveCalls">Receive calls.</param>
/// <param name="ShortSends">Sends that moved less than asked.</param>
/// <param name="ShortReceives">Receives that returned less than asked.</param>
/// <param name="SyncCompletions">Calls that completed at once.</param>
/// <param name="AsyncCompletions">Calls that completed later.</param>
internal sealed record ServerEndCalls(long SendCalls, long ReceiveCalls, long ShortSends, long ShortReceives, long SyncCompletions, long AsyncCompletions)
{
    /// <summary>Stream receives the receive spin answered.</summary>
    public long SpinHits { get; init; }

    /// <summary>Stream receives whose spin found nothing, so the end blocked.</summary>
    public long SpinMisses { get; init; }

    /// <summary>SO_RCVLOWAT as read back after the end set it as a one-way TCP receiver; 0 where it set none.</summary>
    public int ReceiveLowatBytes { get; init; }
}
