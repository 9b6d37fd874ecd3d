using System.Net.Sockets;
using LoopBench.Core.Measurement;

namespace LoopBench.Core.Workloads;

/// <summary>
/// Request/response over datagrams (UDP, unix-dgram), one outstanding. A request whose response
/// does not arrive within the timeout (the client socket's SO_RCVTIMEO) counts as lost and the
/// test goes on; a response that arrives later is recognised by its sequence and counted as late.
/// </summary>
internal sealed class DatagramRequestResponseWorkload : IWorkload
{
    /// <inheritdoc />
    public IReadOnlyList<WorkloadEnd> CreateEnds(WorkloadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters with { MessageBoundaries = true };
        string f = context.Flow.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var stamps = RoundTripStamps.ForFlow(context, byteStream: false);
        var client = new WorkloadEnd($"lb-c{f}-rr", EndRole.Client, EndDirection.Both, stamps?.Client.Channel ?? context.Client)
        { Flow = context.Flow, Latency = new LatencyHistogram(), Datagrams = new DatagramCounters(), Stamps = stamps?.Client.Ledger };
        var server = new WorkloadEnd($"lb-s{f}-rr", EndRole.Server, EndDirection.Both, stamps?.Server.Channel ?? context.Server) { Flow = context.Flow, Finishes = false };
        byte[] request = ChannelIo.NewBuffer(Math.Max(p.RequestBytes, DatagramHeader.MinMessageBytes));
        byte[] responseIn = ChannelIo.NewBuffer(Math.Max(p.ResponseBytes, DatagramHeader.MinMessageBytes));
        byte[] requestIn = ChannelIo.NewBuffer(request.Length);
        byte[] response = ChannelIo.NewBuffer(responseIn.Length);
        // TCP_QUICKACK only acts on TCP: over datagrams QuickAck.For gives null (the knob is rejected there).
        var clientQuickAck = QuickAck.For(p.QuickAck, context.ClientSocket);
        var serverQuickAck = QuickAck.For(p.QuickAck, context.ServerSocket);
        client.Body = () => ClientLoop(client, request, responseIn, p, context.Window, clientQuickAck, stamps?.Client);
        server.Body = () => EchoLoop(server, requestIn, response, p, context.Window, serverQuickAck, stamps?.Server);
        return [client, server];
    }

    private static async ValueTask ClientLoop(
        WorkloadEnd end, Memory<byte> request, Memory<byte> response, WorkloadParameters p, MeasureWindow window, Socket? quickAck, ClientStamps? stamps)
    {
        var channel = end.Channel;
        var counters = end.Counters;
        var stats = end.Datagrams!;
        var histogram = end.Latency!;
        long transactionBytes = request.Length + response.Length;
        long sequence = 0;
        long limit = p.TransactionShare(end.Flow);
        if (limit > 0)
        {
            window.WaitUntilOpen(); // -k: every transaction inside the window
        }

        while (!window.IsStopping && (limit == 0 || counters.Transactions < limit))
        {
            long start = Timestamps.Now();
            DatagramHeader.Write(request.Span, sequence, start, start, window.IsMeasuring);
            stamps?.BeginRequest(sequence);
            if (await channel.SendAsync(request) < 0 && !DatagramHeader.IsTransient(channel.LastError))
            {
                end.Failure = channel.LastError;
                break;
            }

            while (true)
            {
                int received = await channel.ReceiveAsync(response);
                if (received < 0)
                {
                    if (!DatagramHeader.IsTransient(channel.LastError))
                    {
                        end.Failure = channel.LastError;
                        return;
                    }

                    if (window.IsMeasuring)
                    {
                        stats.TimedOut++; // lost: no response within the timeout
                    }

                    break;
                }

                if (received >= DatagramHeader.MinMessageBytes && DatagramHeader.Sequence(response.Span) == sequence)
                {
                    long rttNs = Timestamps.ToNs(Timestamps.Now() - start);
                    stamps?.EndResponse(rttNs, window.IsMeasuring);
                    QuickAck.Rearm(quickAck, counters);
                    if (window.IsMeasuring)
                    {
                        histogram.Record(rttNs);
                        counters.Transactions++;
                        counters.Messages += 2;
                        counters.Bytes += transactionBytes;
                    }

                    break;
                }

                stats.Late++; // a response to an earlier request that had timed out
            }

            sequence++;
        }

        end.FinishedTicks = Timestamps.Now();
        await PacedSender.SendEndMarkersAsync(end, request, p);
    }

    /// <summary>
    /// Echoes each request's header in a response; stops at the end marker or after T1 when idle.
    /// <paramref name="quickAck"/>: the TCP socket to re-arm TCP_QUICKACK on after each request, or null;
    /// <paramref name="stamps"/>: the server's timestamp hook, or null.
    /// </summary>
    internal static async ValueTask EchoLoop(
        WorkloadEnd end, Memory<byte> request, Memory<byte> response, WorkloadParameters p, MeasureWindow window, Socket? quickAck, ServerStamps? stamps = null)
    {
        var channel = end.Channel;
        var counters = end.Counters;
        while (true)
        {
            int received = p.MessageBoundaries
                ? await channel.ReceiveAsync(request)
                : await ChannelIo.ReceiveExactAsync(channel, request) is 1 ? request.Length : 0;
            if (received == 0)
            {
                break;
            }

            if (received < 0)
            {
                if (!DatagramHeader.IsTransient(channel.LastError))
                {
                    end.Failure = channel.LastError;
                    break;
                }

                if (window.IsStopping)
                {
                    break;
                }

                continue;
            }

            QuickAck.Rearm(quickAck, counters);
            if (received < DatagramHeader.MinMessageBytes)
            {
                continue;
            }

            stamps?.AfterRequest(DatagramHeader.Sequence(request.Span));
            request.Span[..25].CopyTo(response.Span);
            bool ok = p.MessageBoundaries ? await channel.SendAsync(response) >= 0 : await ChannelIo.SendAllAsync(channel, response);
            stamps?.AfterResponse();
            if (DatagramHeader.Sequence(request.Span) == DatagramHeader.EndMarker)
            {
                break;
            }

            if (!ok && !(p.MessageBoundaries && DatagramHeader.IsTransient(channel.LastError)))
            {
                end.Failure = channel.LastError ?? "peer closed the connection mid-request";
                break;
            }

            if (window.IsMeasuring)
            {
                counters.Transactions++;
                counters.Messages += 2;
                counters.Bytes += request.Length + response.Length;
            }
        }

        channel.ShutdownSend();
    }
}
