using LoopBench.Core.Transports;

namespace LoopBench.Core.Workloads;

/// <summary>
/// The workloads whose variant depends on the transport, for the pattern units that compose them:
/// each unit says which workload its flows run, this says which variant the transport needs.
/// </summary>
internal static class WorkloadFactory
{
    /// <summary>
    /// One bulk flow over <paramref name="transport"/>: paced datagrams where each send is a message,
    /// a byte stream otherwise; a TCP flow that asks for zero-copy, skip-copy or quickack gets the
    /// socket-level variant, a UDP flow that asks for batches or UDP_GRO the batched one.
    /// </summary>
    public static IWorkload Stream(TransportKind transport, WorkloadParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        bool socketLevel = parameters.ZeroCopy || parameters.SkipCopy || parameters.QuickAck;
        if (socketLevel && transport.IsTcp())
        {
            return new SocketStreamWorkload();
        }

        if ((parameters.Batch > 1 || parameters.UdpGro) && transport.IsUdp())
        {
            return new BatchedDatagramStreamWorkload();
        }

        return transport.KeepsMessageBoundaries() ? new DatagramStreamWorkload() : new StreamWorkload();
    }

    /// <summary>Closed-loop request/response over <paramref name="transport"/>: datagrams with timeouts where there is no connection.</summary>
    public static IWorkload RequestResponse(TransportKind transport) =>
        transport.IsConnectionless() ? new DatagramRequestResponseWorkload() : new RequestResponseWorkload();
}
