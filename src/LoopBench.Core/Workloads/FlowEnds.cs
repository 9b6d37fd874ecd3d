using System.Globalization;
using LoopBench.Core.Measurement;

namespace LoopBench.Core.Workloads;

/// <summary>The sender and receiver ends of one one-way flow, named and placed by its direction.</summary>
internal static class FlowEnds
{
    /// <summary>
    /// Client to server: lb-c{flow}-tx sends on the client channel, lb-s{flow}-rx receives; reversed
    /// for server to client. Datagram flows get sequence counters and a one-way delay histogram, and
    /// their receiver stops only after T1 (it drains).
    /// </summary>
    public static (WorkloadEnd Sender, WorkloadEnd Receiver) Create(WorkloadContext context, bool datagrams)
    {
        bool forward = context.Direction == FlowDirection.ClientToServer;
        string f = context.Flow.ToString(CultureInfo.InvariantCulture);
        var sender = new WorkloadEnd(forward ? $"lb-c{f}-tx" : $"lb-s{f}-tx", forward ? EndRole.Client : EndRole.Server, EndDirection.Send,
            forward ? context.Client : context.Server)
        { Flow = context.Flow, FlowDirection = context.Direction, Datagrams = datagrams ? new DatagramCounters() : null };
        var receiver = new WorkloadEnd(forward ? $"lb-s{f}-rx" : $"lb-c{f}-rx", forward ? EndRole.Server : EndRole.Client, EndDirection.Receive,
            forward ? context.Server : context.Client)
        {
            Flow = context.Flow, FlowDirection = context.Direction, Datagrams = datagrams ? new DatagramCounters() : null,
            Latency = datagrams ? new LatencyHistogram() : null, LatencyKind = datagrams ? LatencyKind.OneWay : LatencyKind.Rtt, Finishes = !datagrams,
        };
        return (sender, receiver);
    }
}
