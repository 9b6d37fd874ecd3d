using System.Net.Sockets;

namespace LoopBench.Core.Workloads;

/// <summary>
/// What a connection-per-transaction pattern (crr, cc) does on each connection between connect or
/// accept and close. <see cref="ConnectionLoops"/> runs the rest the same for every such pattern:
/// connect and its failures, accept and the peer check, timing, TCP_INFO, counting. One instance
/// per flow: it owns that flow's buffers, the client's on the client thread, the server's on the server's.
/// </summary>
internal interface IConnectionExchange
{
    /// <summary>The pattern's id, for thread names and messages.</summary>
    string Name { get; }

    /// <summary>Messages one transaction moves, both ways (crr: the request and the response; cc: none).</summary>
    int MessagesPerTransaction { get; }

    /// <summary>Bytes one transaction moves, both ways.</summary>
    long BytesPerTransaction { get; }

    /// <summary>Client, connected and attached to <paramref name="slot"/>: the transaction's data. False: the connection broke.</summary>
    ValueTask<bool> ClientExchangeAsync(ConnectionSlot slot, Socket socket, WorkerCounters counters);

    /// <summary>Client, after its TCP_INFO was read: what must happen before the socket is closed. False: the connection broke.</summary>
    ValueTask<bool> ClientCloseAsync(ConnectionSlot slot);

    /// <summary>
    /// Server, on the client's connection attached to <paramref name="slot"/>: everything before its
    /// TCP_INFO is read and it is closed. False: the connection broke (not measured).
    /// </summary>
    ValueTask<bool> ServerExchangeAsync(ConnectionSlot slot, Socket accepted, WorkerCounters counters);
}
