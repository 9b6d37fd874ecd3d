using System.Net.Sockets;
using System.Runtime.CompilerServices;
using LoopBench.Core.Interop;
using LoopBench.Core.Measurement;

namespace LoopBench.Core.Workloads;

/// <summary>
/// netperf's TCP_SENDFILE: the client sends <see cref="SendfileSource"/> with sendfile(2), one chunk
/// per call, offsets advancing and wrapping at the end of the file; the server receives and discards
/// like the stream pattern. Window, -n and half-close follow <see cref="StreamWorkload"/>.
/// </summary>
internal sealed class SendfileWorkload(SendfileSource source) : IWorkload
{
    private const int ErrnoAgain = 11;

    /// <inheritdoc />
    public IReadOnlyList<WorkloadEnd> CreateEnds(WorkloadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var socket = context.ClientSocket ?? throw new ArgumentException("sendfile needs the client's raw socket", nameof(context));
        long limit = context.Parameters.ByteShare(context.Flow, context.Direction);
        var (sender, receiver) = FlowEnds.Create(context, datagrams: false);
        var file = new FileSender(socket, source.Handle);
        byte[] receiveBuffer = ChannelIo.NewBuffer(context.Parameters.MessageBytes);
        sender.Body = () => SendLoop(sender, file, socket, context.Window, limit);
        receiver.Body = () => StreamWorkload.ReceiveLoop(receiver, receiveBuffer, context.Window);
        return [sender, receiver];
    }

    // AggressiveOptimization: no tiering or OSR variance across repetitions (STYLE §7.6); costs dynamic PGO.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ValueTask SendLoop(WorkloadEnd end, FileSender file, Socket socket, MeasureWindow window, long byteLimit)
    {
        var counters = end.Counters;
        int chunk = source.ChunkBytes;
        long length = source.LengthBytes;
        if (byteLimit > 0)
        {
            window.WaitUntilOpen(); // -n: nothing before T0, as in StreamWorkload.SendLoop
        }

        long left = byteLimit;
        long offset = 0;
        while (!window.IsStopping)
        {
            // The file is whole chunks, so a chunk never crosses its end; a short send resumes mid-chunk.
            int count = (int)Math.Min(chunk, length - offset);
            if (byteLimit > 0)
            {
                if (left <= 0)
                {
                    break;
                }

                count = (int)Math.Min(left, count);
            }

            long sent = file.Send(ref offset, count);
            if (sent == -ErrnoAgain && WaitWritable(socket))
            {
                continue; // a non-blocking socket (async engines) is full
            }

            if (sent <= 0)
            {
                if (!window.IsStopping)
                {
                    end.Failure = sent == 0 ? "sendfile sent nothing before the end of its file" : $"sendfile failed: errno {-sent}";
                }

                break;
            }

            left -= sent;
            if (offset >= length)
            {
                offset = 0;
            }

            if (window.IsMeasuring)
            {
                counters.Bytes += sent;
                counters.Messages++;
            }
        }

        end.Channel.ShutdownSend();
        return ValueTask.CompletedTask;
    }

    private static bool WaitWritable(Socket socket)
    {
        try
        {
            return socket.Poll(-1, SelectMode.SelectWrite);
        }
        catch (ObjectDisposedException)
        {
            return false; // aborted by the runner
        }
    }
}
