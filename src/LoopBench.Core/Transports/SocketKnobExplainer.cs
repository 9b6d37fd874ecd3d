using System.Net.Sockets;

namespace LoopBench.Core.Transports;

/// <summary>Why a knob's effective value is what it is: its status and a note in words, from the read-back and the kernel's limits.</summary>
internal static class SocketKnobExplainer
{
    // TCP timestamps (on by default) take 12 bytes of every segment: getsockopt(TCP_MAXSEG) on a
    // connected socket reports mss_cache, which excludes them, so 1000 asked reads back as 988.
    private const int MaxTcpOptionBytes = 40;

    /// <summary><paramref name="r"/> with its status and note, once its effective value was read back.</summary>
    public static KnobResult Explain(SocketKnobId id, SocketKnobs knobs, KernelNetLimits limits, Socket socket, KnobResult r)
    {
        long requested = r.RequestedValue!.Value;
        long effective = r.EffectiveValue!.Value;
        bool tcp = socket.ProtocolType == ProtocolType.Tcp;
        switch (id)
        {
            case SocketKnobId.SendBuffer:
            case SocketKnobId.ReceiveBuffer:
                return ExplainBuffer(id, knobs.ForceBuffers, limits, tcp, r, requested, effective);
            case SocketKnobId.MaxSegment when effective == requested:
                return r with { Status = KnobStatus.Applied };
            case SocketKnobId.MaxSegment when effective < requested && requested - effective <= MaxTcpOptionBytes:
                return r with
                {
                    Status = KnobStatus.Applied,
                    Note = SocketKnobText.Invariant($"the kernel subtracts TCP options ({requested - effective} B, timestamps) from the MSS it reports"),
                };
            case SocketKnobId.MaxSegment:
                return r with
                {
                    Status = KnobStatus.NoEffect,
                    Note = socket.Connected
                        ? SocketKnobText.Invariant($"set after connect(): this connection keeps MSS {effective}; TCP_MAXSEG must be set before connect() (client) or on the listener (server)")
                        : SocketKnobText.Invariant($"the kernel reports {effective}"),
                };
            case SocketKnobId.QuickAck:
                return r with
                {
                    Status = KnobStatus.Applied,
                    Note = "not sticky: the kernel may drop back to delayed ACKs after a receive; the workload must re-arm it after each receive",
                };
            case SocketKnobId.TrafficClass when tcp && effective != requested && (effective & ~3) == (requested & ~3):
                return r with { Status = KnobStatus.Applied, Note = "TCP keeps its own ECN bits (the low two)" };
            default:
                return effective == requested
                    ? r with { Status = KnobStatus.Applied }
                    : r with { Status = KnobStatus.Capped, Note = $"the kernel reports {SocketKnobValues.Format(id, effective)}" };
        }
    }

    private static KnobResult ExplainBuffer(
        SocketKnobId id, bool force, KernelNetLimits limits, bool tcp, KnobResult r, long requested, long effective)
    {
        bool receive = id == SocketKnobId.ReceiveBuffer;
        string sysctl = receive ? "net.core.rmem_max" : "net.core.wmem_max";
        long max = receive ? limits.ReceiveBufferMaxBytes : limits.SendBufferMaxBytes;
        string autotune = tcp
            ? receive ? "; setting SO_RCVBUF turns off receive autotuning" : "; setting SO_SNDBUF turns off send autotuning"
            : string.Empty;
        KnobStatus status;
        string note;
        if (effective < 2 * requested)
        {
            status = KnobStatus.Capped;
            note = !force && requested > max
                ? SocketKnobText.Invariant($"capped by {sysctl}={max} (doubled by the kernel); use force to exceed it")
                : SocketKnobText.Invariant($"the kernel granted {SocketKnobText.Bytes(effective)} of {SocketKnobText.Bytes(2 * requested)} (doubled)");
        }
        else if (effective > 2 * requested)
        {
            status = KnobStatus.Applied;
            note = "raised to the kernel's minimum buffer";
        }
        else
        {
            status = KnobStatus.Applied;
            note = force && requested > max
                ? SocketKnobText.Invariant($"forced past {sysctl}={max} with {r.Name} (doubled by the kernel)")
                : "doubled by the kernel for bookkeeping overhead";
        }

        return r with { Status = status, Note = note + autotune };
    }
}
