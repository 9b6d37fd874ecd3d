using System.Net.Sockets;

namespace LoopBench.Core.Workloads;

/// <summary>
/// netperf TCP_CRR: connect, request, response, close, over and over, in <see cref="ConnectionLoops"/>.
/// On each connection the client sends the request and reads the response, and the server the
/// reverse; with quickack on, each end re-arms TCP_QUICKACK after every receive. With --close server
/// the client then waits for the server's FIN; otherwise the server waits for the client's FIN or reset.
/// </summary>
internal sealed class ConnectRequestResponseWorkload : IWorkload
{
    /// <inheritdoc />
    public IReadOnlyList<WorkloadEnd> CreateEnds(WorkloadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ConnectionLoops.CreateEnds(context, new Exchange(context.Parameters));
    }

    private sealed class Exchange(WorkloadParameters p) : IConnectionExchange
    {
        private readonly byte[] _request = ChannelIo.NewBuffer(p.RequestBytes);
        private readonly byte[] _responseIn = ChannelIo.NewBuffer(p.ResponseBytes);
        private readonly byte[] _requestIn = ChannelIo.NewBuffer(p.RequestBytes);
        private readonly byte[] _response = ChannelIo.NewBuffer(p.ResponseBytes);
        private readonly byte[] _clientEof = new byte[1];
        private readonly byte[] _serverEof = new byte[1];

        public string Name => PatternKind.Crr.ToId();

        public int MessagesPerTransaction => 2;

        public long BytesPerTransaction => (long)p.RequestBytes + p.ResponseBytes;

        public async ValueTask<bool> ClientExchangeAsync(ConnectionSlot slot, Socket socket, WorkerCounters counters)
        {
            bool ok = await ChannelIo.SendAllAsync(slot, _request) && await ChannelIo.ReceiveExactAsync(slot, _responseIn) == 1;
            if (ok)
            {
                QuickAck.Rearm(QuickAck.For(p.QuickAck, socket), counters);
            }

            return ok;
        }

        public async ValueTask<bool> ClientCloseAsync(ConnectionSlot slot) =>
            p.Close != CloseMode.Server || await slot.ReceiveAsync(_clientEof) == 0; // wait for the server's FIN, then close

        public async ValueTask<bool> ServerExchangeAsync(ConnectionSlot slot, Socket accepted, WorkerCounters counters)
        {
            bool received = await ChannelIo.ReceiveExactAsync(slot, _requestIn) == 1;
            if (received)
            {
                QuickAck.Rearm(QuickAck.For(p.QuickAck, accepted), counters);
            }

            bool ok = received && await ChannelIo.SendAllAsync(slot, _response);
            if (ok && p.Close != CloseMode.Server)
            {
                await slot.ReceiveAsync(_serverEof); // the client closes (FIN) or resets first
            }

            return ok;
        }
    }
}
