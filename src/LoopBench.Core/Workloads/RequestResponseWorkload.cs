using System.Net.Sockets;
using LoopBench.Core.Measurement;

namespace LoopBench.Core.Workloads;

/// <summary>
/// Request/response with N transactions outstanding (netperf TCP_RR, and its burst mode with
/// --inflight). The client times each round trip from just before its request is sent to the last
/// byte of its response (responses come back in order), and records it when the transaction
/// completes inside the window. Works on every transport that delivers in order: tcp, unix-stream,
/// unix-seqpacket.
/// </summary>
internal sealed class RequestResponseWorkload : IWorkload
{
    /// <inheritdoc />
    public IReadOnlyList<WorkloadEnd> CreateEnds(WorkloadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters;
        string f = context.Flow.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var stamps = RoundTripStamps.ForFlow(context, byteStream: true);
        var client = new WorkloadEnd($"lb-c{f}-rr", EndRole.Client, EndDirection.Both, stamps?.Client.Channel ?? context.Client)
        { Flow = context.Flow, Latency = new LatencyHistogram(), Stamps = stamps?.Client.Ledger };
        var server = new WorkloadEnd($"lb-s{f}-rr", EndRole.Server, EndDirection.Both, stamps?.Server.Channel ?? context.Server) { Flow = context.Flow };
        byte[] request = ChannelIo.NewBuffer(p.RequestBytes);
        byte[] responseIn = ChannelIo.NewBuffer(p.ResponseBytes);
        byte[] requestIn = ChannelIo.NewBuffer(p.RequestBytes);
        byte[] response = ChannelIo.NewBuffer(p.ResponseBytes);
        long[] sentAt = new long[Math.Max(1, p.Inflight)];
        // TCP_QUICKACK is not sticky: with the knob on, each end re-arms it after every receive.
        var clientQuickAck = QuickAck.For(p.QuickAck, context.ClientSocket);
        var serverQuickAck = QuickAck.For(p.QuickAck, context.ServerSocket);
        long limit = p.TransactionShare(context.Flow);
        client.Body = () => ClientLoop(client, request, responseIn, sentAt, limit, context.Window, clientQuickAck, stamps?.Client);
        server.Body = () => ServerLoop(server, requestIn, response, context.Window, serverQuickAck, stamps?.Server);
        return [client, server];
    }

    private static async ValueTask ClientLoop(
        WorkloadEnd end, ReadOnlyMemory<byte> request, Memory<byte> response, long[] sentAt, long limit, MeasureWindow window, Socket? quickAck, ClientStamps? stamps)
    {
        var channel = end.Channel;
        var counters = end.Counters;
        var histogram = end.Latency!;
        long transactionBytes = request.Length + response.Length;
        int inflight = sentAt.Length;
        long sent = 0, completed = 0;
        if (limit > 0)
        {
            window.WaitUntilOpen(); // -k: every transaction inside the window
        }

        while (true)
        {
            // keep N outstanding while the window is open and the -k count is not reached
            while (sent - completed < inflight && !window.IsStopping && (limit == 0 || counters.Transactions + (sent - completed) < limit))
            {
                sentAt[sent % inflight] = Timestamps.Now();
                stamps?.BeginRequest(sent); // timestamps run with inflight 1: this send's response is the next one read
                if (!await ChannelIo.SendAllAsync(channel, request))
                {
                    end.Failure = channel.LastError ?? "peer closed the connection mid-transaction";
                    channel.ShutdownSend();
                    return;
                }

                sent++;
            }

            if (sent == completed)
            {
                break;
            }

            if (await ChannelIo.ReceiveExactAsync(channel, response) != 1)
            {
                end.Failure = channel.LastError ?? "peer closed the connection mid-transaction";
                break;
            }

            long rttNs = Timestamps.ToNs(Timestamps.Now() - sentAt[completed % inflight]);
            stamps?.EndResponse(rttNs, window.IsMeasuring);
            QuickAck.Rearm(quickAck, counters);
            completed++;
            if (window.IsMeasuring)
            {
                histogram.Record(rttNs);
                counters.Transactions++;
                counters.Messages += 2;
                counters.Bytes += transactionBytes;
            }
        }

        end.FinishedTicks = Timestamps.Now();
        channel.ShutdownSend();
    }

    private static async ValueTask ServerLoop(WorkloadEnd end, Memory<byte> request, ReadOnlyMemory<byte> response, MeasureWindow window, Socket? quickAck, ServerStamps? stamps)
    {
        var channel = end.Channel;
        var counters = end.Counters;
        long transactionBytes = request.Length + response.Length;
        while (true)
        {
            int got = await ChannelIo.ReceiveExactAsync(channel, request);
            if (got == 0)
            {
                break; // the client finished and half-closed
            }

            if (got > 0)
            {
                stamps?.AfterRequest();
                QuickAck.Rearm(quickAck, counters);
            }

            if (got < 0 || !await ChannelIo.SendAllAsync(channel, response))
            {
                end.Failure = channel.LastError ?? "peer closed the connection mid-request";
                break;
            }

            stamps?.AfterResponse();

            if (window.IsMeasuring)
            {
                counters.Transactions++;
                counters.Messages += 2;
                counters.Bytes += transactionBytes;
            }
        }

        channel.ShutdownSend();
    }
}
