using System.Net.Sockets;
using System.Runtime.CompilerServices;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Workloads;

/// <summary>
/// TCP_QUICKACK after a receive. The kernel drops back to delayed ACKs on its own (the option is
/// not sticky), so with the knob on every receiving loop calls <see cref="Rearm"/> after each
/// receive: one setsockopt from a stack value, no allocation, counted on the end's own counters
/// (the knob record's evidence). A null socket (knob off, or not TCP) costs one branch.
/// </summary>
internal static class QuickAck
{
    /// <summary>Re-arms quick-ack mode on <paramref name="socket"/> when it is not null, and counts it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Rearm(Socket? socket, WorkerCounters counters)
    {
        if (socket is null)
        {
            return;
        }

        if (SocketKnobApplier.RearmQuickAck(socket))
        {
            counters.QuickAckRearms++;
        }
        else
        {
            counters.QuickAckRefused++;
        }
    }

    /// <summary>The socket to re-arm: <paramref name="socket"/> when the knob is on and it is TCP, else null.</summary>
    public static Socket? For(bool quickAck, Socket? socket) =>
        quickAck && socket is { ProtocolType: ProtocolType.Tcp } ? socket : null;
}
