using LoopBench.Core.Measurement;

namespace LoopBench.Core.Workloads;

/// <summary>
/// Paced one-way datagrams (UDP, unix-dgram, unix-seqpacket). The sender stamps each datagram (see
/// <see cref="PacedSender"/>); the receiver counts every datagram sent inside the window, even one
/// that arrives during the drain after T1, so loss = 1 − distinct received / sent never counts
/// datagrams in flight. It also counts duplicates and reordering, and records one-way delay and
/// RFC 3550 jitter. The receiver stops at the sender's end marker, or when the drain grace runs out.
/// </summary>
internal sealed class DatagramStreamWorkload : IWorkload
{
    /// <inheritdoc />
    public IReadOnlyList<WorkloadEnd> CreateEnds(WorkloadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters with { MessageBoundaries = true };
        int bytes = Math.Max(p.MessageBytes, DatagramHeader.MinMessageBytes);
        var (sender, receiver) = FlowEnds.Create(context, datagrams: true);
        byte[] sendBuffer = ChannelIo.NewBuffer(bytes);
        byte[] receiveBuffer = ChannelIo.NewBuffer(bytes);
        var tracker = new SequenceTracker();
        long limit = p.ByteShare(context.Flow, context.Direction);
        sender.Body = () => PacedSender.RunAsync(sender, sendBuffer, p, context.Window, limit);
        receiver.Body = () => ReceiveLoop(receiver, receiveBuffer, tracker, p, context.Window);
        return [sender, receiver];
    }

    internal static async ValueTask ReceiveLoop(WorkloadEnd end, Memory<byte> buffer, SequenceTracker tracker, WorkloadParameters p, MeasureWindow window)
    {
        var channel = end.Channel;
        var receipt = new DatagramReceipt(end, tracker);
        var drain = new DrainDeadline(p.DrainGraceNs);
        while (true)
        {
            int received = await channel.ReceiveBulkAsync(buffer);
            long now = Timestamps.Now();
            if (received == 0)
            {
                break; // seqpacket: the sender half-closed
            }

            if (received < 0)
            {
                if (!DatagramHeader.IsTransient(channel.LastError))
                {
                    end.Failure = channel.LastError;
                    break;
                }
            }
            else if (!receipt.Record(buffer.Span[..received], now))
            {
                break; // the end marker
            }

            if (drain.HasPassed(window, now))
            {
                break;
            }
        }
    }
}
