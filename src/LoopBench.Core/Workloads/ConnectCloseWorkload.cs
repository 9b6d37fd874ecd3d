using System.Net.Sockets;

namespace LoopBench.Core.Workloads;

/// <summary>
/// netperf TCP_CC: connect, then close, with no data, over and over, in <see cref="ConnectionLoops"/>.
/// The close is still a handshake, so the client never connects again before the server has taken
/// its last connection off the accept queue (a queue left to fill would drop SYNs and time connects
/// out): the client waits for the server's FIN every time. --close client: the client shuts its side
/// (FIN first, TIME_WAIT on the client) and the server closes on reading it; --close server: the
/// server closes as soon as it has accepted; --close rst: the server closes at once too, and the
/// client resets (SO_LINGER 0) instead of finishing the close, so neither end keeps a TIME_WAIT.
/// </summary>
internal sealed class ConnectCloseWorkload : IWorkload
{
    /// <inheritdoc />
    public IReadOnlyList<WorkloadEnd> CreateEnds(WorkloadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ConnectionLoops.CreateEnds(context, new Exchange(context.Parameters.Close));
    }

    private sealed class Exchange(CloseMode close) : IConnectionExchange
    {
        private readonly byte[] _clientEof = new byte[1];
        private readonly byte[] _serverEof = new byte[1];

        public string Name => PatternKind.Cc.ToId();

        public int MessagesPerTransaction => 0;

        public long BytesPerTransaction => 0;

        public ValueTask<bool> ClientExchangeAsync(ConnectionSlot slot, Socket socket, WorkerCounters counters) => ValueTask.FromResult(true);

        public async ValueTask<bool> ClientCloseAsync(ConnectionSlot slot)
        {
            if (close == CloseMode.Client)
            {
                slot.ShutdownSend();
            }

            return await slot.ReceiveAsync(_clientEof) == 0; // the server's FIN: it has accepted and closed
        }

        public async ValueTask<bool> ServerExchangeAsync(ConnectionSlot slot, Socket accepted, WorkerCounters counters)
        {
            if (close == CloseMode.Client)
            {
                await slot.ReceiveAsync(_serverEof); // the client's FIN (a reset ends it too)
            }

            return true;
        }
    }
}
