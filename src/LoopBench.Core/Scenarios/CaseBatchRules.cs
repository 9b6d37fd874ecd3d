using LoopBench.Core.Engines;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Scenarios;

/// <summary>
/// batch and udp-gro: UDP stream and reverse on the blocking engine, unpaced and timed. Datagram rr is
/// refused on purpose: N requests in one sendmmsg would be rr with N in flight timed as one, which
/// --inflight already measures with a timestamp per request.
/// </summary>
internal static class CaseBatchRules
{
    /// <summary>Largest batch: the kernel caps recvmmsg/sendmmsg at UIO_MAXIOV (1024) messages per call.</summary>
    public const int MaxBatch = BatchedDatagramStreamWorkload.MaxBatch;

    public static void Check(Case c, List<CaseError> errors)
    {
        if (c.Batch is int n && n is < 1 or > MaxBatch)
        {
            errors.Add(new("batch", $"{n} is out of range; use 1 (off) to {MaxBatch} datagrams per call"));
        }

        bool batch = c.Batch is > 1;
        string transport = c.Transport.ToId();
        foreach (var (name, on) in new[] { ("batch", batch), ("udp-gro", c.UdpGro) })
        {
            if (!on)
            {
                continue;
            }

            if (!c.Transport.IsUdp())
            {
                errors.Add(new(name, $"{name} applies to UDP (udp4, udp6), not {transport}"));
            }
            else if (c.Pattern is PatternKind.Rr)
            {
                errors.Add(new(name, $"{name} applies to UDP stream and reverse, not rr: requests batched into one sendmmsg are rr with several in flight, which --inflight measures with a time per request"));
            }
            else if (c.Pattern is not (PatternKind.Stream or PatternKind.Reverse))
            {
                errors.Add(new(name, $"{name} applies to UDP stream and reverse, not {c.Pattern.ToId()}"));
            }
            else if (c.Engine != EngineKind.Blocking)
            {
                errors.Add(new(name, $"{name} works on the blocking engine's sockets (sendmmsg/recvmmsg); use engine blocking, not {c.Engine.ToId()}"));
            }
        }

        if (!(batch || c.UdpGro) || !c.Transport.IsUdp())
        {
            return;
        }

        string what = batch ? "batch" : "udp-gro";
        if (c.BitsPerSecond is not null || c.PacketsPerSecond is not null)
        {
            errors.Add(new(what, $"{what} sends batches as fast as it can; pacing (-b, --pps) is for one datagram per deadline: drop one of them"));
        }

        if (c.ByteLimit is not null)
        {
            errors.Add(new(what, $"{what} runs for a time; -n (bytes) is not counted in batches: use -t"));
        }

        var sender = c.Pattern == PatternKind.Reverse ? c.ServerKnobs : c.ClientKnobs;
        if (sender.UdpSegmentBytes is int gso && gso != c.MessageBytes)
        {
            errors.Add(new(what, $"{what} with udp-segment needs the segment size equal to the length ({c.MessageBytes} B), so that each segment is one stamped datagram; {gso} B is not"));
        }
    }
}
