using LoopBench.Core.Measurement;

namespace LoopBench.Core.Workloads;

/// <summary>
/// Bulk one-way transfer from client to server. The sender writes fixed-size messages until the
/// window closes, then half-closes; the receiver reads until end of stream, counting only reads
/// that complete inside the window (it drains, uncounted, after T1). With -n the whole transfer is
/// the window: the sender waits for T0, sends exactly its share (the last write cut to fit) and
/// half-closes; the receiver stamps end of stream, which is T1.
/// </summary>
internal sealed class StreamWorkload : IWorkload
{
    /// <inheritdoc />
    public IReadOnlyList<WorkloadEnd> CreateEnds(WorkloadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        int bytes = context.Parameters.MessageBytes;
        long limit = context.Parameters.ByteShare(context.Flow, context.Direction);
        var (sender, receiver) = FlowEnds.Create(context, datagrams: false);
        byte[] sendBuffer = ChannelIo.NewBuffer(bytes);
        byte[] receiveBuffer = ChannelIo.NewBuffer(bytes);
        sender.Body = () => SendLoop(sender, sendBuffer, context.Window, limit);
        receiver.Body = () => ReceiveLoop(receiver, receiveBuffer, context.Window);
        return [sender, receiver];
    }

    internal static async ValueTask SendLoop(WorkloadEnd end, ReadOnlyMemory<byte> message, MeasureWindow window, long byteLimit = 0)
    {
        var channel = end.Channel;
        var counters = end.Counters;
        if (byteLimit > 0)
        {
            window.WaitUntilOpen();
        }

        long left = byteLimit;
        while (!window.IsStopping)
        {
            var chunk = message;
            if (byteLimit > 0)
            {
                if (left <= 0)
                {
                    break; // -n: this flow's share is sent
                }

                chunk = left < message.Length ? message[..(int)left] : message;
            }

            int sent = await channel.SendFillerAsync(chunk);
            if (sent < 0)
            {
                end.Failure = channel.LastError;
                break;
            }

            left -= sent;
            if (window.IsMeasuring)
            {
                counters.Bytes += sent;
                counters.Messages++;
            }
        }

        channel.ShutdownSend();
    }

    internal static async ValueTask ReceiveLoop(WorkloadEnd end, Memory<byte> buffer, MeasureWindow window)
    {
        var channel = end.Channel;
        var counters = end.Counters;
        while (true)
        {
            int received = await channel.DiscardAsync(buffer);
            if (received <= 0)
            {
                if (received < 0)
                {
                    end.Failure = channel.LastError;
                }
                else
                {
                    end.FinishedTicks = Timestamps.Now();
                }

                break;
            }

            if (window.IsMeasuring)
            {
                counters.Bytes += received;
                counters.Messages++;
            }
        }
    }
}
