using System.Globalization;
using System.Text;
using LoopBench.Core;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Cli.Terminal;

/// <summary>The pattern-specific lines under the summary table: flows, datagrams, crr and latency kind.</summary>
internal static class SummaryDetails
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(Case c, RepetitionResult repetition, RateUnit unit = RateUnit.Gbit)
    {
        var m = repetition.Metrics;
        string Get(string id, string format = "0") => m.TryGetValue(id, out double v) ? v.ToString(format, Invariant) : "-";
        var traits = c.Pattern.Traits();
        var text = new StringBuilder();
        if (repetition.Flows is { Count: > 1 } flows)
        {
            text.Append("flows    ").AppendJoin("; ", flows.Select(f => f.Direction == TrafficDirection.RequestResponse
                ? $"#{f.Flow} {f.Transactions} trans"
                : $"#{f.Flow} {f.Direction.ToId()} {RateUnits.Format(f.ThroughputBitsPerSecond, unit)} {unit.Label()} (sent {Figures.Bytes(f.SentBytes)}, received {Figures.Bytes(f.Bytes)})"));
            text.Append(CultureInfo.InvariantCulture, $"; Jain fairness {Get(MetricIds.FairnessJain, "0.000")}\n");
        }

        if (traits.BothWays)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"bidir    c2s {RateUnits.Format(m[MetricIds.C2sThroughputBitsPerSecond], unit)} {unit.Label()}, s2c {RateUnits.Format(m[MetricIds.S2cThroughputBitsPerSecond], unit)} {unit.Label()} (receiver's view)\n");
        }

        if (m.ContainsKey(MetricIds.DatagramsSent))
        {
            bool requests = traits.OpenLoop; // an open loop counts its requests and responses
            text.Append(requests ? "requests sent " : "datagram sent ").Append(Get(MetricIds.DatagramsSent))
                .Append(requests ? ", responses " : ", received ").Append(Get(MetricIds.DatagramsReceived));
            text.Append(m.ContainsKey(MetricIds.LossRatio)
                ? $", lost {Get(MetricIds.DatagramsLost)} (loss {Get(MetricIds.LossRatio, "0.0000")})"
                : $", blocked sends {Get(MetricIds.BlockedSends)} ({Figures.Micros(m.GetValueOrDefault(MetricIds.SendBlockedNs))} µs blocked; {(c.Transport.IsUnix() ? "AF_UNIX never drops" : "no loss measure on a byte stream")})");
            if (m.ContainsKey(MetricIds.JitterNs))
            {
                text.Append(", dup ").Append(Get(MetricIds.Duplicates)).Append(", reordered ").Append(Get(MetricIds.OutOfOrder))
                    .Append(", jitter ").Append(Figures.Micros(m[MetricIds.JitterNs])).Append(" µs");
            }

            text.Append(", pps ").Append(Get(MetricIds.AchievedPacketsPerSecond)).Append(" of target ").Append(Get(MetricIds.TargetPacketsPerSecond))
                .Append(", max burst ").Append(Get(MetricIds.MaxBurst))
                .Append(", max late ").Append(Figures.Micros(m.TryGetValue(MetricIds.MaxScheduleLateNs, out double late) ? late : null)).Append(" µs\n");
        }

        if (repetition.LatencyKind == LatencyKind.OneWay && repetition.Latency is { } owd)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"delay    one-way min {Figures.Micros(owd.MinNs)} µs, p50 {Figures.Micros(owd.P50Ns)} µs, p99 {Figures.Micros(owd.P99Ns)} µs, max {Figures.Micros(owd.MaxNs)} µs ({owd.Samples} datagrams)\n");
        }

        if (m.ContainsKey(MetricIds.TimedOut))
        {
            text.Append("timeouts ").Append(Get(MetricIds.TimedOut)).Append(" requests lost (loss ").Append(Get(MetricIds.LossRatio, "0.0000")).Append(")\n");
        }

        if (traits.CountsConnections)
        {
            var cl = repetition.ConnectLatency;
            text.Append(CultureInfo.InvariantCulture,
                $"{c.Pattern.ToId(),-8} close {c.Close?.ToId()}, connect p50 {Figures.Micros(cl?.P50Ns)} µs, p99 {Figures.Micros(cl?.P99Ns)} µs, ")
                .Append("TIME_WAIT ").Append(Get(MetricIds.TimeWaitAtT0)).Append(" → ").Append(Get(MetricIds.TimeWaitAtT1))
                .Append(", allocated ").Append(Get(MetricIds.AllocatedBytesPerConnection)).Append(" B/connection\n");
        }

        if (repetition.LatencyKind is { } kind && kind != LatencyKind.Rtt)
        {
            text.Append("latency  ").Append(kind switch
            {
                LatencyKind.OneWay => "one-way delay, send to receive (both ends share one clock)",
                LatencyKind.RttFromIntended => "from each request's intended send time (open loop: no coordinated omission)",
                LatencyKind.Transaction => "connect + request + response + close",
                _ => kind.ToId(),
            }).Append('\n');
        }

        return text.ToString();
    }
}
