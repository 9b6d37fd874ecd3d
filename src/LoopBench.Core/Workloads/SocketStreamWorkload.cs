using System.Net.Sockets;
using LoopBench.Core.Interop;
using LoopBench.Core.Measurement;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Workloads;

/// <summary>
/// The TCP stream pattern on raw sockets, for the socket-level knobs the channel seam cannot carry:
/// MSG_ZEROCOPY sends (completions drained from the error queue every 64 sends and after T1),
/// MSG_TRUNC receives (counted, not copied) and TCP_QUICKACK re-armed after each receive. Blocking
/// sockets only; the channels still close and abort the flow as usual. Both loops are allocation-free.
/// </summary>
internal sealed class SocketStreamWorkload : IWorkload
{
    private const int DrainEverySends = 64;
    private const int ErrnoAgain = 11;
    private const int ErrnoNoBufs = 105;

    /// <inheritdoc />
    public IReadOnlyList<WorkloadEnd> CreateEnds(WorkloadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters;
        bool forward = context.Direction == FlowDirection.ClientToServer;
        var sendSocket = (forward ? context.ClientSocket : context.ServerSocket) ?? throw new ArgumentException("the socket-level stream needs the raw sockets", nameof(context));
        var receiveSocket = (forward ? context.ServerSocket : context.ClientSocket)!;
        long limit = p.ByteShare(context.Flow, context.Direction);
        var (sender, receiver) = FlowEnds.Create(context, datagrams: false);
        byte[] sendBuffer = GC.AllocateArray<byte>(p.MessageBytes, pinned: true);
        byte[] receiveBuffer = ChannelIo.NewBuffer(p.MessageBytes);
        if (p.ZeroCopy)
        {
            var zeroCopy = ZeroCopySender.Enable(sendSocket);
            sender.ZeroCopy = zeroCopy;
            sender.Body = () => ZeroCopySendLoop(sender, zeroCopy, sendBuffer, context.Window, limit);
        }
        else
        {
            sender.Body = () => StreamWorkload.SendLoop(sender, sendBuffer, context.Window, limit);
        }

        receiver.Body = p.SkipCopy || p.QuickAck
            ? () => ReceiveLoop(receiver, receiveSocket, receiveBuffer, context.Window, p.SkipCopy, p.QuickAck)
            : () => StreamWorkload.ReceiveLoop(receiver, receiveBuffer, context.Window);
        return [sender, receiver];
    }

    private static ValueTask ZeroCopySendLoop(WorkloadEnd end, ZeroCopySender zeroCopy, byte[] message, MeasureWindow window, long byteLimit)
    {
        var counters = end.Counters;
        long sinceDrain = 0;
        if (byteLimit > 0)
        {
            window.WaitUntilOpen(); // -n: nothing before T0, as in StreamWorkload.SendLoop
        }

        long left = byteLimit;
        while (!window.IsStopping)
        {
            int length = message.Length;
            if (byteLimit > 0)
            {
                if (left <= 0)
                {
                    break;
                }

                length = (int)Math.Min(left, length);
            }

            long sent = zeroCopy.Send(message.AsSpan(0, length));
            if (sent == -ErrnoAgain || sent == -ErrnoNoBufs)
            {
                zeroCopy.DrainCompletions(); // the optmem budget is full of pending completions
                Thread.Yield();
                continue;
            }

            if (sent < 0)
            {
                if (!window.IsStopping)
                {
                    end.Failure = $"sendmsg(MSG_ZEROCOPY) failed: errno {-sent}";
                }

                break;
            }

            left -= sent;
            if (window.IsMeasuring)
            {
                counters.Bytes += sent;
                counters.Messages++;
            }

            if (++sinceDrain == DrainEverySends)
            {
                sinceDrain = 0;
                zeroCopy.DrainCompletions();
            }
        }

        end.Channel.ShutdownSend();
        zeroCopy.WaitForCompletions(TimeSpan.FromSeconds(1));
        return ValueTask.CompletedTask;
    }

    private static ValueTask ReceiveLoop(WorkloadEnd end, Socket socket, byte[] buffer, MeasureWindow window, bool skipCopy, bool quickAck)
    {
        var counters = end.Counters;
        while (true)
        {
            SocketError error;
            int received;
            try
            {
                received = skipCopy ? TruncatingReceive.Discard(socket, buffer, out error) : socket.Receive(buffer, SocketFlags.None, out error);
            }
            catch (ObjectDisposedException)
            {
                break; // aborted by the runner
            }

            if (received <= 0)
            {
                if (error != SocketError.Success && !window.IsStopping)
                {
                    end.Failure = $"receive failed: {error}";
                }
                else if (error == SocketError.Success)
                {
                    end.FinishedTicks = Timestamps.Now();
                }

                break;
            }

            if (quickAck)
            {
                QuickAck.Rearm(socket, counters);
            }

            if (window.IsMeasuring)
            {
                counters.Bytes += received;
                counters.Messages++;
            }
        }

        return ValueTask.CompletedTask;
    }
}
