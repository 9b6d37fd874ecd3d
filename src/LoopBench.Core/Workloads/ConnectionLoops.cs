using System.Net.Sockets;
using LoopBench.Core.Engines;
using LoopBench.Core.Measurement;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Workloads;

/// <summary>
/// The loops of the patterns that open a connection per transaction (crr, cc: tcp4, tcp6,
/// unix-stream, unix-seqpacket), around what each does on a connection (<see cref="IConnectionExchange"/>).
/// The client times connect(2) and the whole transaction; the close mode says who closes first, or
/// whether the client resets with SO_LINGER 0. A new socket per connection is the one allocation
/// these patterns cannot avoid: the client reports its bytes per connection. Ephemeral-port
/// exhaustion (EADDRNOTAVAIL) fails the case with the reason. Each end keeps the TCP_INFO of its
/// first in-window connection and of its last one (read once the window is stopping, so no extra
/// syscall lands inside the window after the first). The listener is open for the whole window, so
/// the server checks each accepted connection: over TCP its peer port must be the one the client
/// just connected from, over Unix its peer (SO_PEERCRED) must be this process
/// (<see cref="ExpectedPeer"/>). A stranger is closed at once, unread, and counted in
/// <see cref="WorkloadEnd.StrayConnections"/>; one that arrives after the window is turned away the
/// same way, and the server stops once the client has finished and nothing is queued.
/// </summary>
internal static class ConnectionLoops
{
    private const int AcceptPollUs = 20_000;

    /// <summary>
    /// Connections the server still accepts (and turns away) once the window is stopping and the
    /// client has finished: the listener's backlog (1024), what can be queued at once, so a flood of
    /// strangers cannot keep the server past the window.
    /// </summary>
    private const int StraysAcceptedAfterTheClient = 1024;

    /// <summary>The client and server ends of one flow over <paramref name="context"/>'s listener, doing <paramref name="exchange"/> on each connection.</summary>
    public static IReadOnlyList<WorkloadEnd> CreateEnds(WorkloadContext context, IConnectionExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(exchange);
        var listener = context.Listener ?? throw new ArgumentException($"{exchange.Name} needs a listener", nameof(context));
        var open = context.Open ?? throw new ArgumentException($"{exchange.Name} needs the engine's Open", nameof(context));
        var p = context.Parameters;
        string f = context.Flow.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var clientSlot = new ConnectionSlot(null);
        var serverSlot = new ConnectionSlot(listener);
        var expected = new ExpectedPeer();
        var client = new WorkloadEnd($"lb-c{f}-{exchange.Name}", EndRole.Client, EndDirection.Both, clientSlot)
        { Flow = context.Flow, Latency = new LatencyHistogram(), ConnectLatency = new LatencyHistogram(), LatencyKind = LatencyKind.Transaction };
        var server = new WorkloadEnd($"lb-s{f}-{exchange.Name}", EndRole.Server, EndDirection.Both, serverSlot) { Flow = context.Flow, Finishes = false };
        client.Connections = new ConnectionProbe();
        server.Connections = new ConnectionProbe();
        client.Body = () => ClientLoop(client, clientSlot, listener, open, exchange, p, context.Window, expected);
        server.Body = () => ServerLoop(server, serverSlot, listener, open, exchange, context.Window, expected);
        return [client, server];
    }

    private static async ValueTask ClientLoop(
        WorkloadEnd end, ConnectionSlot slot, LoopbackListener listener, Func<Socket, IChannel> open,
        IConnectionExchange exchange, WorkloadParameters p, MeasureWindow window, ExpectedPeer expected)
    {
        try
        {
            await Transact(end, slot, listener, open, exchange, p, window, expected);
        }
        finally
        {
            expected.Finish(); // the server may stop once nothing of the client's can arrive
            end.FinishedTicks = Timestamps.Now();
        }
    }

    private static async ValueTask Transact(
        WorkloadEnd end, ConnectionSlot slot, LoopbackListener listener, Func<Socket, IChannel> open,
        IConnectionExchange exchange, WorkloadParameters p, MeasureWindow window, ExpectedPeer expected)
    {
        var counters = end.Counters;
        long allocatedAtStart = -1;
        // One reading of "stopping" per connection decides both that it is the last (its TCP_INFO is
        // kept) and that the loop ends, so the last connection's TCP_INFO is never missed.
        long limit = p.TransactionShare(end.Flow);
        if (limit > 0)
        {
            window.WaitUntilOpen(); // -k: every connection inside the window
        }

        bool stopping = window.IsStopping;
        while (!stopping && !slot.IsAborted && (limit == 0 || counters.Transactions < limit))
        {
            bool measuring = window.IsMeasuring;
            if (measuring && allocatedAtStart < 0)
            {
                allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
            }

            long start = Timestamps.Now();
            Socket socket;
            try
            {
                socket = listener.NewClient();
            }
            catch (TransportSetupException ex)
            {
                end.Failure = $"{ex.Message} after {counters.Transactions} connections (ephemeral ports exhausted?); use --close rst or a shorter run";
                break;
            }

            try
            {
                expected.Connecting();
                socket.Connect(listener.EndPoint);
            }
            catch (SocketException ex)
            {
                expected.Abandon();
                socket.Dispose();
                end.Failure = ex.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.AddressAlreadyInUse
                    ? $"ephemeral ports exhausted after {counters.Transactions} connections (EADDRNOTAVAIL; net.ipv4.ip_local_port_range " +
                      $"{File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Trim()}); use --close rst or a shorter run"
                    : $"connect failed: {ex.SocketErrorCode}";
                break;
            }

            long connected = Timestamps.Now();
            expected.Publish(socket);
            if (p.Close == CloseMode.Rst)
            {
                socket.LingerState = new LingerOption(true, 0);
            }

            slot.Attach(open(socket));
            bool ok = await exchange.ClientExchangeAsync(slot, socket, counters);
            if (ok)
            {
                stopping = window.IsStopping;
                end.Connections!.Observe(socket, measuring && !stopping, stopping || (limit > 0 && counters.Transactions + 1 >= limit));
            }

            ok = ok && await exchange.ClientCloseAsync(slot);

            slot.Release();
            if (!ok)
            {
                end.Failure = slot.IsAborted ? null : "connection closed mid-transaction";
                break;
            }

            if (measuring && window.IsMeasuring)
            {
                long done = Timestamps.Now();
                end.ConnectLatency!.Record(Timestamps.ToNs(connected - start));
                end.Latency!.Record(Timestamps.ToNs(done - start));
                CountTransaction(counters, exchange);
                end.AllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - allocatedAtStart;
            }
        }
    }

    private static async ValueTask ServerLoop(
        WorkloadEnd end, ConnectionSlot slot, LoopbackListener listener, Func<Socket, IChannel> open,
        IConnectionExchange exchange, MeasureWindow window, ExpectedPeer expected)
    {
        var counters = end.Counters;
        int acceptedAfterTheClient = 0;
        while (!slot.IsAborted)
        {
            // Read before the poll: once the client has finished, whatever is queued is strangers'.
            // Before that the server stays, even after T1, for the client's last connection.
            bool clientGone = window.IsStopping && expected.ClientFinished;
            Socket accepted;
            try
            {
                if (!listener.Socket.Poll(clientGone ? 0 : AcceptPollUs, SelectMode.SelectRead))
                {
                    if (clientGone)
                    {
                        break;
                    }

                    continue;
                }

                if (clientGone && ++acceptedAfterTheClient > StraysAcceptedAfterTheClient)
                {
                    break;
                }

                accepted = listener.Socket.Accept();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                if (!slot.IsAborted && !window.IsStopping)
                {
                    end.Failure = $"accept failed: {ex.Message}";
                }

                break;
            }

            if (!expected.Matches(accepted))
            {
                end.StrayConnections++;
                accepted.Dispose(); // a stranger: closed unread, never measured
                continue;
            }

            slot.Attach(open(accepted));
            bool ok = await exchange.ServerExchangeAsync(slot, accepted, counters);
            if (ok)
            {
                // after the client's close: if the client saw the window stopping, so does this read
                end.Connections!.Observe(accepted, window.IsMeasuring, window.IsStopping);
            }

            slot.Release();
            if (ok && window.IsMeasuring)
            {
                CountTransaction(counters, exchange);
            }
        }
    }

    /// <summary>One in-window transaction on either end: what the exchange moves on each connection.</summary>
    private static void CountTransaction(WorkerCounters counters, IConnectionExchange exchange)
    {
        counters.Transactions++;
        counters.Messages += exchange.MessagesPerTransaction;
        counters.Bytes += exchange.BytesPerTransaction;
    }
}
