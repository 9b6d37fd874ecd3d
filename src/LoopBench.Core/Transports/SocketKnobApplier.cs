using System.Net.Sockets;
using System.Runtime.CompilerServices;
using LoopBench.Core.Interop;

namespace LoopBench.Core.Transports;

/// <summary>
/// Applies <see cref="SocketKnobs"/> to one socket, reads every option back from the kernel and
/// explains the difference, producing one <see cref="KnobResult"/> per knob asked for (plus the
/// buffer sizes, which are always reported). Setup-time code: it may allocate; only
/// <see cref="RearmQuickAck"/> is meant for a hot loop.
/// </summary>
internal static class SocketKnobApplier
{
    /// <summary>
    /// Applies the knobs to <paramref name="socket"/> of transport <paramref name="transportId"/>.
    /// Rejected pairings are not set; no-effect pairings are set and marked so. Never throws for a
    /// kernel refusal: that becomes a "failed" result naming the errno or the available choices.
    /// </summary>
    public static IReadOnlyList<KnobResult> Apply(
        Socket socket, string transportId, EndRole side, SocketKnobs knobs, KernelNetLimits limits)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(knobs);
        ArgumentNullException.ThrowIfNull(limits);
        var results = new List<KnobResult>();
        bool ipv6 = socket.AddressFamily == AddressFamily.InterNetworkV6;
        foreach (var id in Enum.GetValues<SocketKnobId>())
        {
            if (!knobs.IsRequested(id))
            {
                if (id is SocketKnobId.SendBuffer or SocketKnobId.ReceiveBuffer)
                {
                    results.Add(DefaultBuffer(socket, id, side));
                }

                continue;
            }

            var (verdict, reason) = SocketKnobApplicability.Check(id, transportId, limits.LoQdisc);
            string name = id.KernelName(ipv6, knobs.ForceBuffers && (id is SocketKnobId.SendBuffer or SocketKnobId.ReceiveBuffer));
            var (requested, requestedValue, unit) = SocketKnobValues.Requested(id, knobs);
            var blank = new KnobResult(name, id, side, KnobStatus.Rejected, unit, requested, null, requestedValue, null, null, reason);
            if (verdict == KnobVerdict.Rejected)
            {
                results.Add(blank);
                continue;
            }

            var applied = SetAndReadBack(socket, id, knobs, limits, blank, ipv6);
            results.Add(verdict == KnobVerdict.NoEffect && applied.Status != KnobStatus.Failed
                ? applied with { Status = KnobStatus.NoEffect, Note = reason }
                : applied);
        }

        return results;
    }

    /// <summary>
    /// Re-arms TCP_QUICKACK after a receive: the kernel leaves quick-ack mode on its own (it is not
    /// sticky), so a workload that wants immediate ACKs calls this after every receive. One
    /// setsockopt from a stack buffer: no allocation. Returns false if the kernel refused.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool RearmQuickAck(Socket socket)
    {
        Span<byte> one = [1, 0, 0, 0];
        try
        {
            socket.SetRawSocketOption(SocketOptionNumbers.IpProtoTcp, SocketOptionNumbers.TcpQuickAck, one);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static KnobResult SetAndReadBack(Socket socket, SocketKnobId id, SocketKnobs knobs, KernelNetLimits limits, KnobResult blank, bool ipv6)
    {
        var (level, option) = LinuxSocketOptions.Option(id, knobs.ForceBuffers, ipv6);
        try
        {
            Set(socket, id, knobs, level, option);
        }
        catch (SocketException ex)
        {
            string note = id == SocketKnobId.CongestionControl
                ? limits.UnknownCongestionMessage(knobs.CongestionControl!)
                : SocketKnobText.Invariant($"the kernel refused it: {ex.SocketErrorCode} (errno {ex.ErrorCode}) {ex.Message}");
            return blank with { Status = KnobStatus.Failed, Note = note };
        }

        if (id == SocketKnobId.CongestionControl)
        {
            string effective = SocketTuning.CongestionControlOf(socket);
            bool same = string.Equals(effective, knobs.CongestionControl, StringComparison.Ordinal);
            return blank with
            {
                Status = same ? KnobStatus.Applied : KnobStatus.Capped,
                Effective = effective,
                Note = same ? null : "the kernel reports a different algorithm",
            };
        }

        // Buffers and the rest read back through the plain (non-FORCE) option number.
        var (readLevel, readOption) = LinuxSocketOptions.Option(id, force: false, ipv6);
        long value = LinuxSocketOptions.ReadNumber(socket, readLevel, readOption);
        return SocketKnobExplainer.Explain(id, knobs, limits, socket, blank with { EffectiveValue = value, Effective = SocketKnobValues.Format(id, value) });
    }

    private static void Set(Socket socket, SocketKnobId id, SocketKnobs knobs, int level, int option)
    {
        Span<byte> buffer = stackalloc byte[16];
        int length;
        switch (id)
        {
            case SocketKnobId.CongestionControl:
                length = System.Text.Encoding.ASCII.GetBytes(knobs.CongestionControl!, buffer);
                break;
            case SocketKnobId.MaxPacingRate:
                // u64 since Linux 4.20; the kernel takes either width by optlen.
                BitConverter.TryWriteBytes(buffer, (ulong)knobs.MaxPacingRateBytesPerSecond!.Value);
                length = 8;
                break;
            default:
                BitConverter.TryWriteBytes(buffer, (int)SocketKnobValues.RequestedNumber(id, knobs));
                length = 4;
                break;
        }

        socket.SetRawSocketOption(level, option, buffer[..length]);
    }

    private static KnobResult DefaultBuffer(Socket socket, SocketKnobId id, EndRole side)
    {
        var (level, option) = LinuxSocketOptions.Option(id, force: false, ipv6: false);
        long value = LinuxSocketOptions.ReadNumber(socket, level, option);
        string? note = socket.ProtocolType == ProtocolType.Tcp ? "autotuned by the kernel" : null;
        return new KnobResult(id.KernelName(), id, side, KnobStatus.Default, KnobUnit.Bytes, null,
            SocketKnobValues.Format(id, value), null, value, null, note);
    }
}
