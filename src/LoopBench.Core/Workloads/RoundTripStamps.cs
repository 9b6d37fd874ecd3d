using System.Net.Sockets;
using LoopBench.Core.Interop;
using LoopBench.Core.Measurement;

namespace LoopBench.Core.Workloads;

/// <summary>
/// The rr workloads' hook for timestamps: on, each end's channel becomes a <see cref="StampingChannel"/>
/// and the loops call the client's <see cref="ClientStamps.BeginRequest"/> and
/// <see cref="ClientStamps.EndResponse"/>, the server's <see cref="ServerStamps.AfterRequest(long)"/> and
/// <see cref="ServerStamps.AfterResponse"/>. Off, the hooks are null and the loops do what they did.
/// </summary>
internal static class RoundTripStamps
{
    /// <summary>
    /// The hooks of one flow sharing one ledger, or null when timestamps are off. Stamping is turned on
    /// here, on the connected sockets, before any byte moves (TCP's OPT_ID keys count bytes from now).
    /// </summary>
    public static (ClientStamps Client, ServerStamps Server)? ForFlow(WorkloadContext context, bool byteStream)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters;
        if (!p.Timestamps)
        {
            return null;
        }

        if (context.ClientSocket is not Socket clientSocket || context.ServerSocket is not Socket serverSocket)
        {
            throw new InvalidOperationException("timestamps need the flow's raw sockets");
        }

        var ledger = new RoundTripLedger();
        var client = new StampingChannel(context.Client, StampedSocket.Enable(clientSocket));
        var server = new StampingChannel(context.Server, StampedSocket.Enable(serverSocket));
        // TCP keys a transmit stamp by the offset of its last byte; UDP by a count of stamped sends.
        int requestKeyBytes = byteStream ? Math.Max(1, p.RequestBytes) : 0;
        int responseKeyBytes = byteStream ? Math.Max(1, p.ResponseBytes) : 0;
        return (new ClientStamps(client, ledger, requestKeyBytes), new ServerStamps(server, ledger, responseKeyBytes));
    }

    /// <summary>
    /// The transmit stamp of the send keyed <paramref name="key"/>, or 0 when the kernel gave none. A datagram
    /// counter that ran ahead of ours (a failed send) is followed: <paramref name="stampedSends"/> resyncs to it.
    /// </summary>
    internal static long ReadTransmit(StampedSocket socket, int keyBytes, uint key, ref long stampedSends)
    {
        bool counter = keyBytes == 0;
        if (!socket.TryReadTransmit(key, orLater: counter, out long stampNs, out uint found))
        {
            return 0;
        }

        if (counter)
        {
            stampedSends += unchecked((int)(found - key));
        }

        return stampNs;
    }

    /// <summary>The OPT_ID key of a stamped send: TCP, the offset of message <paramref name="id"/>'s last byte; UDP, the stamped sends before it.</summary>
    internal static uint Key(int messageBytes, long id, long stampedBefore) =>
        messageBytes > 0 ? unchecked((uint)(((id + 1) * messageBytes) - 1)) : unchecked((uint)stampedBefore);
}

/// <summary>The client's side of the stamps: t0, t1, t6, t7 of each sampled transaction.</summary>
internal sealed class ClientStamps
{
    private readonly int _keyBytes;
    private long _stampedSends;
    private int _slot = -1;
    private long _id;
    private uint _key;
    private long _t0;

    public ClientStamps(StampingChannel channel, RoundTripLedger ledger, int keyBytes)
    {
        Channel = channel;
        Ledger = ledger;
        _keyBytes = keyBytes;
    }

    /// <summary>The channel the client end moves bytes through.</summary>
    public StampingChannel Channel { get; }

    /// <summary>The flow's ledger, read after the window.</summary>
    public RoundTripLedger Ledger { get; }

    /// <summary>
    /// Right after the loop read its clock for transaction <paramref name="id"/>, before the request is sent:
    /// when sampled, stamps t0 and arms the send and the response's receive. t0 and t7 sit beside the loop's
    /// own clock reads, so the components add up to the RTT the loop records, harness path included.
    /// </summary>
    public void BeginRequest(long id)
    {
        _slot = Ledger.SlotOf(id);
        if (_slot < 0 && id % Ledger.SampleEvery == 0)
        {
            Ledger.Overflowed++;
        }

        bool sampled = _slot >= 0;
        (Channel.SendArmed, Channel.ReceiveArmed, Channel.ReceiveStampNs) = (sampled, sampled, 0);
        if (sampled)
        {
            _t0 = StampedSocket.RealtimeNs();
            _id = id;
            _key = RoundTripStamps.Key(_keyBytes, id, _stampedSends++);
        }
    }

    /// <summary>Right after the loop read its clock for the whole response: stamps t7 and records the sample when it counted (inside the window).</summary>
    public void EndResponse(long rttNs, bool measuring)
    {
        if (_slot < 0)
        {
            return;
        }

        long t7 = StampedSocket.RealtimeNs();
        Channel.ReceiveArmed = false;
        long t1 = RoundTripStamps.ReadTransmit(Channel.Socket, _keyBytes, _key, ref _stampedSends);
        if (measuring)
        {
            Ledger.WriteClient(_slot, _id, _t0, t1, Channel.ReceiveStampNs, t7, rttNs);
        }

        _slot = -1;
    }
}

/// <summary>The server's side of the stamps: t2, t3, t4, t5 of each sampled transaction.</summary>
internal sealed class ServerStamps
{
    private readonly int _keyBytes;
    private long _stampedSends;
    private long _received;
    private int _slot = -1;
    private long _id;
    private long _t2;
    private long _t3;

    public ServerStamps(StampingChannel channel, RoundTripLedger ledger, int keyBytes)
    {
        Channel = channel;
        Ledger = ledger;
        _keyBytes = keyBytes;
        Channel.ReceiveArmed = ledger.SlotOf(0) >= 0;
    }

    /// <summary>The channel the server end moves bytes through.</summary>
    public StampingChannel Channel { get; }

    /// <summary>The flow's ledger.</summary>
    public RoundTripLedger Ledger { get; }

    /// <summary>A byte stream's request arrived whole: its id is the count of requests before it (in order, nothing lost).</summary>
    public void AfterRequest() => AfterRequest(_received);

    /// <summary>
    /// Request <paramref name="id"/> arrived (a datagram's sequence): keeps its stamps and arms the response's
    /// send when it was sampled, and arms the next receive when the next id will be.
    /// </summary>
    public void AfterRequest(long id)
    {
        _received = id + 1;
        int slot = Ledger.SlotOf(id);
        bool stamped = Channel.ReceiveArmed && slot >= 0;
        (_slot, _id, _t2, _t3) = stamped ? (slot, id, Channel.ReceiveStampNs, Channel.ReceiveReturnedNs) : (-1, 0, 0, 0);
        Channel.SendArmed = stamped;
        Channel.ReceiveArmed = Ledger.SlotOf(_received) >= 0;
        Channel.ReceiveStampNs = 0;
    }

    /// <summary>After the response was sent: reads its transmit stamp (lo transmits inside the send call) and records the server's half.</summary>
    public void AfterResponse()
    {
        if (_slot < 0)
        {
            return;
        }

        Channel.SendArmed = false;
        uint key = RoundTripStamps.Key(_keyBytes, _id, _stampedSends++);
        long t5 = RoundTripStamps.ReadTransmit(Channel.Socket, _keyBytes, key, ref _stampedSends);
        Ledger.WriteServer(_slot, _id, _t2, _t3, Channel.SendStartNs, t5);
        _slot = -1;
    }
}
