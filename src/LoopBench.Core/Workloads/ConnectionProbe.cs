using System.Net.Sockets;
using LoopBench.Core.Measurement;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Workloads;

/// <summary>
/// crr: TCP_INFO of one end's first in-window connection and of its last connection, and the last
/// connection's socket settings as read back, written by that end's worker only. The first read
/// costs one getsockopt inside the window; the last ones are read once the window is stopping, so
/// steady-state connections pay nothing. TcpInfoSnapshot is a struct: no allocation.
/// </summary>
internal sealed class ConnectionProbe
{
    /// <summary>TCP_INFO of the first connection completed inside the window, or null.</summary>
    public TcpInfoSnapshot? First { get; private set; }

    /// <summary>TCP_INFO of the last connection (completed once the window was stopping), or null.</summary>
    public TcpInfoSnapshot? Last { get; private set; }

    /// <summary>The last connection's settings (congestion control, NODELAY, MSS, buffers) as read back, or null.</summary>
    public SocketEndSettings? LastSettings { get; private set; }

    /// <summary>Called after a connection's transaction, before it is closed.</summary>
    public void Observe(Socket socket, bool measuring, bool last)
    {
        if (measuring && First is null && TcpInfoReader.TryRead(socket, out var first))
        {
            First = first;
        }

        if (last && Last is null && TcpInfoReader.TryRead(socket, out var info))
        {
            Last = info;
            LastSettings = SocketTuning.ReadEnd(socket);
        }
    }
}
