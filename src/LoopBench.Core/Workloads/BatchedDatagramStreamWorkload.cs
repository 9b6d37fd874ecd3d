using System.Net.Sockets;
using System.Runtime.CompilerServices;
using LoopBench.Core.Engines;
using LoopBench.Core.Interop;
using LoopBench.Core.Measurement;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Workloads;

/// <summary>
/// UDP stream in batches, on the blocking engine's raw sockets: the sender stamps N datagrams and
/// hands them to one sendmmsg, as fast as it can; the receiver takes up to N per recvmmsg
/// (MSG_WAITFORONE: it blocks for the first only) and, with UDP_GRO, splits each coalesced receive
/// at the segment size its control message gives. Every datagram is accounted for one by one
/// (<see cref="DatagramReceipt"/>), so loss, duplicates and reordering mean what they mean unbatched.
/// The N datagrams of a call share one send stamp and one receive stamp: one clock read per call.
/// With UDP_SEGMENT (GSO) equal to the length, each sendmmsg entry carries as many datagrams as one
/// GSO send may (64 segments, 64 KiB), each segment its own stamped datagram. Allocation-free.
/// </summary>
internal sealed class BatchedDatagramStreamWorkload : IWorkload
{
    /// <summary>Largest batch: 1024 messages per call, the kernel's UIO_MAXIOV cap on vlen.</summary>
    public const int MaxBatch = 1024;

    /// <summary>Segments one UDP_SEGMENT send may carry (UDP_MAX_SEGMENTS on kernels before 6.9; later ones allow 128).</summary>
    public const int MaxGsoSegments = 64;

    /// <summary>Largest UDP payload of one send, which a GSO send's segments share.</summary>
    private const int MaxGsoBytes = 65_507;

    /// <summary>Room for one coalesced UDP_GRO receive: 64 KiB.</summary>
    private const int GroEntryBytes = 65_536;

    /// <inheritdoc />
    public IReadOnlyList<WorkloadEnd> CreateEnds(WorkloadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters with { MessageBoundaries = true };
        bool forward = context.Direction == FlowDirection.ClientToServer;
        var sendSocket = (forward ? context.ClientSocket : context.ServerSocket) ?? throw new ArgumentException("the batched datagram stream needs the raw sockets", nameof(context));
        var receiveSocket = (forward ? context.ServerSocket : context.ClientSocket)!;
        int length = Math.Max(p.MessageBytes, DatagramHeader.MinMessageBytes);
        int batch = Math.Clamp(p.Batch, 1, MaxBatch);
        int segments = SegmentsPerEntry(GsoSegmentBytes(sendSocket), length, batch);
        var sendBatch = new MessageBatch((batch + segments - 1) / segments, segments * length);
        for (int i = 0, left = batch; i < sendBatch.Count; i++, left -= segments)
        {
            sendBatch.SetSendLength(i, Math.Min(left, segments) * length);
        }

        if (p.UdpGro)
        {
            Span<byte> on = stackalloc byte[sizeof(int)];
            BitConverter.TryWriteBytes(on, 1);
            try
            {
                receiveSocket.SetRawSocketOption(SocketOptionNumbers.IpProtoUdp, SocketOptionNumbers.UdpGro, on);
            }
            catch (SocketException ex)
            {
                throw new TransportSetupException($"udp-gro: setsockopt(SOL_UDP, UDP_GRO) refused on the receiving socket ({ex.SocketErrorCode}); UDP_GRO needs Linux 5.0 or later", ex);
            }
        }

        var receiveBatch = new MessageBatch(batch, p.UdpGro ? GroEntryBytes : length, p.UdpGro ? UdpGroControl.ControlBytes : 0);
        var (sender, receiver) = FlowEnds.Create(context, datagrams: true);
        byte[] marker = ChannelIo.NewBuffer(DatagramHeader.MinMessageBytes);
        var receipt = new DatagramReceipt(receiver, new SequenceTracker());
        int spin = receiver.Channel is BlockingChannel blocking ? blocking.ReceiveSpinTries : 0;
        sender.Body = () => SendLoop(sender, sendSocket, sendBatch, batch, segments, length, marker, p, context.Window);
        receiver.Body = () => ReceiveLoop(receiver, receiveSocket, receiveBatch, receipt, p.UdpGro, spin, p, context.Window);
        return [sender, receiver];
    }

    /// <summary>Datagrams per sendmmsg entry: 1, or with GSO at the datagram length as many as one GSO send carries.</summary>
    internal static int SegmentsPerEntry(int gsoSegmentBytes, int length, int batch) =>
        gsoSegmentBytes != length ? 1 : Math.Max(1, Math.Min(batch, Math.Min(MaxGsoSegments, MaxGsoBytes / length)));

    /// <summary>The sending socket's UDP_SEGMENT (set by the udp-segment knob), 0 when off.</summary>
    private static int GsoSegmentBytes(Socket socket)
    {
        Span<byte> value = stackalloc byte[sizeof(int)];
        return socket.GetRawSocketOption(SocketOptionNumbers.IpProtoUdp, SocketOptionNumbers.UdpSegment, value) == sizeof(int) ? BitConverter.ToInt32(value) : 0;
    }

    private static ValueTask SendLoop(WorkloadEnd end, Socket socket, MessageBatch batch, int datagrams, int segments, int length, Memory<byte> marker, WorkloadParameters p, MeasureWindow window) =>
        Send(end, socket, batch, datagrams, segments, length, window) ? FinishAsync(end, marker, p) : ValueTask.CompletedTask;

    private static async ValueTask FinishAsync(WorkloadEnd end, Memory<byte> marker, WorkloadParameters p)
    {
        await PacedSender.SendEndMarkersAsync(end, marker, p);
        end.Channel.ShutdownSend();
    }

    /// <summary>Sends batches until T1; false when a send failed for good (<see cref="WorkloadEnd.Failure"/> says why).</summary>
    // AggressiveOptimization: a long-running loop; no tiering or OSR variance across repetitions (and no dynamic PGO).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Send(WorkloadEnd end, Socket socket, MessageBatch batch, int datagrams, int segments, int length, MeasureWindow window)
    {
        var stats = end.Datagrams!;
        var counters = end.Counters;
        var engine = end.Channel.Counters;
        long blockedTicks = Timestamps.FromTimeSpan(TimeSpan.FromTicks(PacedSender.BlockedThresholdNs / 100));
        long sequence = 0;
        while (!window.IsStopping)
        {
            bool inWindow = window.IsMeasuring;
            long sentAt = Timestamps.Now();
            Stamp(batch, datagrams, length, sequence, sentAt, inWindow);
            engine.SendCalls++;
            int n = batch.Send(socket, batch.Count);
            long took = Timestamps.Now() - sentAt;
            if (n < 0)
            {
                string error = MessageBatch.ErrorName(-n);
                if (DatagramHeader.IsTransient(error))
                {
                    stats.SendErrors++; // none sent: the sequence numbers are reused
                    continue;
                }

                end.Failure = error;
                return false;
            }

            engine.SyncCompletions++;
            int sent = Math.Min(datagrams, n * segments); // only the last entry may hold fewer
            if (n < batch.Count)
            {
                engine.ShortSends++;
            }

            if (inWindow && sent > 0)
            {
                if (took > blockedTicks)
                {
                    stats.BlockedSends++;
                    stats.BlockedNs += Timestamps.ToNs(took);
                }

                stats.FirstSequence = stats.FirstSequence < 0 ? sequence : stats.FirstSequence;
                stats.LastSequence = sequence + sent - 1;
                stats.SentInWindow += sent;
                counters.Bytes += (long)sent * length;
                counters.Messages += sent;
                stats.MaxBurst = Math.Max(stats.MaxBurst, sent);
            }

            sequence += sent;
        }

        return true;
    }

    /// <summary>Writes the header of each of the batch's datagrams: consecutive sequences from <paramref name="first"/>.</summary>
    private static void Stamp(MessageBatch batch, int datagrams, int length, long first, long sentAt, bool inWindow)
    {
        var data = batch.Data;
        for (int i = 0; i < datagrams; i++)
        {
            DatagramHeader.Write(data.Slice(i * length, length), first + i, sentAt, sentAt, inWindow);
        }
    }

    /// <summary>Receives until the end marker, a failure, or the drain grace after T1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ValueTask ReceiveLoop(WorkloadEnd end, Socket socket, MessageBatch batch, DatagramReceipt receipt, bool gro, int spinTries, WorkloadParameters p, MeasureWindow window)
    {
        var engine = end.Channel.Counters;
        var drain = new DrainDeadline(p.DrainGraceNs);
        while (true)
        {
            int n = -Libc.EAgain;
            if (spinTries > 0)
            {
                for (int i = 0; i < spinTries && n == -Libc.EAgain; i++)
                {
                    engine.ReceiveCalls++;
                    n = batch.Receive(socket, Libc.MsgDontWait);
                }

                if (n >= 0)
                {
                    engine.SpinHits++;
                }
                else
                {
                    engine.SpinMisses++;
                }
            }

            if (n == -Libc.EAgain)
            {
                engine.ReceiveCalls++;
                n = batch.Receive(socket, Libc.MsgWaitForOne);
            }

            long now = Timestamps.Now();
            if (n < 0)
            {
                string error = MessageBatch.ErrorName(-n);
                if (!DatagramHeader.IsTransient(error))
                {
                    end.Failure = error;
                    break;
                }
            }
            else
            {
                engine.SyncCompletions++;
                if (!Account(batch, n, gro, receipt, now))
                {
                    break;
                }
            }

            if (drain.HasPassed(window, now))
            {
                break;
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Accounts for the <paramref name="received"/> entries of the last receive, datagram by datagram:
    /// an entry holds one, or with UDP_GRO as many as its segment size cuts it into. False at the end marker.
    /// </summary>
    internal static bool Account(MessageBatch batch, int received, bool gro, DatagramReceipt receipt, long nowTicks)
    {
        for (int i = 0; i < received; i++)
        {
            var data = batch.ReceivedData(i);
            int segment = gro ? UdpGroControl.SegmentSize(batch.ReceivedControl(i)) : 0;
            if (segment <= 0)
            {
                segment = Math.Max(1, data.Length);
            }

            for (int offset = 0; offset < data.Length; offset += segment)
            {
                if (!receipt.Record(data.Slice(offset, Math.Min(segment, data.Length - offset)), nowTicks))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
