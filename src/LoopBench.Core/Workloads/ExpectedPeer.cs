using System.Net;
using System.Net.Sockets;
using LoopBench.Core.Measurement;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Workloads;

/// <summary>
/// crr's client connection as its server must see it. The client says when it starts a connect
/// (<see cref="Connecting"/>), which port it got (<see cref="Publish"/>) and when it is done for
/// good (<see cref="Finish"/>). The server, after each accept, asks <see cref="Matches"/>: it waits
/// only while a connect of the client is in progress, so a stranger that arrives while the client
/// is between connections, or after it finished, is told apart at once instead of stalling the server.
/// </summary>
/// <remarks>
/// Why this is race-free over TCP: the client marks <see cref="Connecting"/> before connect(2), so
/// any connection of its own that the server can accept was made after the mark; the server
/// therefore sees either the mark or the published port, never the idle state, for the client's
/// connection. The server clears the port after a match, before the transaction, and the client
/// marks its next connect only after that transaction: the two writers never overlap.
/// Over Unix sockets the peer is checked by pid (SO_PEERCRED) and nothing is waited for.
/// </remarks>
internal sealed class ExpectedPeer
{
    private const int Idle = 0;
    private const int InConnect = -1;
    private const int Done = -2;

    /// <summary>
    /// How long the server waits for the port of a connect in progress. It returns within
    /// microseconds for the client's own connection; only a stranger that meets a slow connect (a
    /// SYN retry behind a backlog full of strangers) waits, at most this long.
    /// </summary>
    private static readonly long PublishWaitTicks = Timestamps.FromTimeSpan(TimeSpan.FromSeconds(1));

    private int _state;

    /// <summary>Client, just before connect(2).</summary>
    public void Connecting() => Volatile.Write(ref _state, InConnect);

    /// <summary>Client, after connect: the local port the server should see (idle for Unix sockets, which are checked by pid).</summary>
    public void Publish(Socket socket) =>
        Volatile.Write(ref _state, socket.LocalEndPoint is IPEndPoint local ? local.Port : Idle);

    /// <summary>Client, when its connect failed: no connection of its own is on the way.</summary>
    public void Abandon() => Volatile.Write(ref _state, Idle);

    /// <summary>Client, when its loop has ended: every later connection is a stranger's.</summary>
    public void Finish() => Volatile.Write(ref _state, Done);

    /// <summary>True once the client has finished: nothing of its own will arrive any more.</summary>
    public bool ClientFinished => Volatile.Read(ref _state) == Done;

    /// <summary>Server, after accept: true when <paramref name="accepted"/> is the client's connection.</summary>
    public bool Matches(Socket accepted)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        if (accepted.RemoteEndPoint is not IPEndPoint peer)
        {
            return LoopbackConnector.PeerPid(accepted) == Environment.ProcessId;
        }

        long deadline = Timestamps.Now() + PublishWaitTicks;
        int state;
        while ((state = Volatile.Read(ref _state)) == InConnect && Timestamps.Now() < deadline)
        {
            Thread.Yield(); // the client's connect is in progress; it publishes the port next
        }

        if (state <= Idle || state != peer.Port)
        {
            return false;
        }

        Interlocked.CompareExchange(ref _state, Idle, state);
        return true;
    }
}
