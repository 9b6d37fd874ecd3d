using System.Net.Sockets;
using LoopBench.Core.Measurement;

namespace LoopBench.Core.Workloads;

/// <summary>
/// The rr flow of rr-under-load: requests leave at a fixed rate whatever the responses do (open
/// loop, like wrk2 or sockperf under-load), a second client thread reads the responses, and each
/// latency is measured from the request's intended send time, so a stall delays every request
/// scheduled behind it and coordinated omission cannot hide it.
/// </summary>
internal sealed class OpenLoopRequestResponseWorkload : IWorkload
{
    /// <inheritdoc />
    public IReadOnlyList<WorkloadEnd> CreateEnds(WorkloadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters;
        var reader = context.ClientReader ?? throw new ArgumentException("rr-under-load needs a second client channel", nameof(context));
        string f = context.Flow.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var tx = new WorkloadEnd($"lb-c{f}-rq", EndRole.Client, EndDirection.Send, context.Client)
        { Flow = context.Flow, Datagrams = new DatagramCounters() };
        var server = new WorkloadEnd($"lb-s{f}-rr", EndRole.Server, EndDirection.Both, context.Server) { Flow = context.Flow, Finishes = false };
        var rx = new WorkloadEnd($"lb-c{f}-rs", EndRole.Client, EndDirection.Both, reader)
        {
            Flow = context.Flow, Latency = new LatencyHistogram(), LatencyKind = LatencyKind.RttFromIntended,
            Datagrams = new DatagramCounters(), Finishes = false,
        };
        byte[] request = ChannelIo.NewBuffer(Math.Max(p.RequestBytes, DatagramHeader.MinMessageBytes));
        byte[] requestIn = ChannelIo.NewBuffer(request.Length);
        byte[] response = ChannelIo.NewBuffer(Math.Max(p.ResponseBytes, DatagramHeader.MinMessageBytes));
        byte[] responseIn = ChannelIo.NewBuffer(response.Length);
        tx.Body = () => PacedSender.RunAsync(tx, request, p, context.Window);
        // TCP_QUICKACK: the echo re-arms it on the server socket, the response reader on the client's.
        var serverQuickAck = QuickAck.For(p.QuickAck, context.ServerSocket);
        var clientQuickAck = QuickAck.For(p.QuickAck, context.ClientSocket);
        server.Body = () => DatagramRequestResponseWorkload.EchoLoop(server, requestIn, response, p, context.Window, serverQuickAck);
        rx.Body = () => ResponseLoop(rx, responseIn, request.Length, p, context.Window, clientQuickAck);
        return [tx, server, rx];
    }

    private static async ValueTask ResponseLoop(
        WorkloadEnd end, Memory<byte> response, int requestBytes, WorkloadParameters p, MeasureWindow window, Socket? quickAck)
    {
        var channel = end.Channel;
        var counters = end.Counters;
        var stats = end.Datagrams!;
        var histogram = end.Latency!;
        var drain = new DrainDeadline(p.DrainGraceNs);
        while (true)
        {
            int received = p.MessageBoundaries
                ? await channel.ReceiveAsync(response)
                : await ChannelIo.ReceiveExactAsync(channel, response) is 1 ? response.Length : 0;
            long now = Timestamps.Now();
            if (received == 0)
            {
                break;
            }

            if (received < 0 && !DatagramHeader.IsTransient(channel.LastError))
            {
                end.Failure = channel.LastError;
                break;
            }

            if (received > 0)
            {
                QuickAck.Rearm(quickAck, counters);
            }

            if (received >= DatagramHeader.MinMessageBytes)
            {
                var message = response.Span;
                if (DatagramHeader.Sequence(message) == DatagramHeader.EndMarker)
                {
                    break;
                }

                if (DatagramHeader.InWindow(message))
                {
                    histogram.Record(Timestamps.ToNs(now - DatagramHeader.IntendedTicks(message)));
                    stats.UniqueReceived++;
                    counters.Transactions++;
                    counters.Messages += 2;
                    counters.Bytes += requestBytes + received;
                }
            }

            if (drain.HasPassed(window, now))
            {
                break;
            }
        }
    }
}
