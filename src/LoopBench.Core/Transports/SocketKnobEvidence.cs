using System.Net.Sockets;
using LoopBench.Core.Measurement;

namespace LoopBench.Core.Transports;

/// <summary>Evidence that a knob acted, gathered after the window (before the sockets close).</summary>
internal static class SocketKnobEvidence
{
    /// <summary>
    /// Adds evidence to the results <see cref="SocketKnobApplier.Apply"/> returned for <paramref name="socket"/>: buffer
    /// sizes now versus at setup (autotuning), and TCP_INFO's pacing rate and MSS when
    /// <paramref name="info"/> is given. Results for other sockets pass through unchanged.
    /// </summary>
    public static IReadOnlyList<KnobResult> AddEvidence(Socket socket, IReadOnlyList<KnobResult> results, TcpInfoSnapshot? info)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(results);
        var withEvidence = new List<KnobResult>(results.Count);
        foreach (var r in results)
        {
            withEvidence.Add(EvidenceFor(socket, r, info) is string evidence ? r with { Evidence = evidence } : r);
        }

        return withEvidence;
    }

    /// <summary>Evidence for both ends of a pair, from <see cref="SocketKnobApplier.Apply"/> on each end and the last TCP_INFO of each end.</summary>
    public static IReadOnlyList<KnobResult> AddPairEvidence(
        ConnectedPair pair, IReadOnlyList<KnobResult> results, TcpInfoSnapshot? client, TcpInfoSnapshot? server)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(results);
        var clientSide = AddEvidence(pair.Client, results.Where(r => r.Side == EndRole.Client).ToList(), client);
        var serverSide = AddEvidence(pair.Server, results.Where(r => r.Side == EndRole.Server).ToList(), server);
        return [.. clientSide, .. serverSide];
    }

    private static string? EvidenceFor(Socket socket, KnobResult r, TcpInfoSnapshot? info)
    {
        try
        {
            var id = r.Id;
            switch (id)
            {
                case SocketKnobId.SendBuffer or SocketKnobId.ReceiveBuffer when r.EffectiveValue is long atSetup:
                    var (level, option) = LinuxSocketOptions.Option(id, force: false, ipv6: false);
                    long now = LinuxSocketOptions.ReadNumber(socket, level, option);
                    if (now != atSetup)
                    {
                        return $"{(r.Status == KnobStatus.Default ? "autotuned" : "changed")} from {SocketKnobText.Bytes(atSetup)} at setup to {SocketKnobText.Bytes(now)} at the end";
                    }

                    return r.Status == KnobStatus.Default
                        ? $"unchanged at {SocketKnobText.Bytes(now)}: autotuning did not grow it"
                        : $"stayed at {SocketKnobText.Bytes(now)}: autotuning is off";
                case SocketKnobId.MaxPacingRate when info is { MaxPacingRateBytesPerSecond: ulong max } i:
                    return $"TCP_INFO max_pacing_rate={RateText(max)}, pacing_rate={RateText(i.PacingRateBytesPerSecond ?? ulong.MaxValue)}";
                case SocketKnobId.MaxSegment when info is { } i:
                    return SocketKnobText.Invariant($"TCP_INFO snd_mss={i.SendMssBytes} B");
                case SocketKnobId.CongestionControl when r.Effective is not null:
                    return $"TCP_CONGESTION still {SocketTuning.CongestionControlOf(socket)} at the end";
                default:
                    return null;
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return null;
        }
    }

    private static string RateText(ulong bytesPerSecond) =>
        TcpInfoSampleResult.Rate(bytesPerSecond) is long limited ? SocketKnobText.Rate(limited) : "unlimited";
}
