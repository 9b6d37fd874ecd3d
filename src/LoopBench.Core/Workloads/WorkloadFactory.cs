using LoopBench.Core.Transports;

namespace LoopBench.Core.Workloads;

/// <summary>Creates the workload for a <see cref="PatternKind"/>.</summary>
internal static class WorkloadFactory
{
    /// <summary>The workload for <paramref name="pattern"/> over a stream transport (tcp, unix-stream).</summary>
    public static IWorkload Create(PatternKind pattern) => Create(pattern, TransportKind.Tcp4);

    /// <summary>The workload for one flow of <paramref name="pattern"/> over <paramref name="transport"/>.</summary>
    public static IWorkload Create(PatternKind pattern, TransportKind transport) => pattern switch
    {
        PatternKind.Stream or PatternKind.Reverse or PatternKind.Bidir when transport.KeepsMessageBoundaries() => new DatagramStreamWorkload(),
        PatternKind.Stream or PatternKind.Reverse or PatternKind.Bidir => new StreamWorkload(),
        PatternKind.Rr when transport.IsConnectionless() => new DatagramRequestResponseWorkload(),
        PatternKind.Rr => new RequestResponseWorkload(),
        PatternKind.Crr => new ConnectRequestResponseWorkload(),
        PatternKind.RrUnderLoad => new OpenLoopRequestResponseWorkload(),
        _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "unknown pattern"),
    };

    /// <summary>
    /// Like <see cref="Create(PatternKind, TransportKind)"/>, but a TCP stream flow that asks for
    /// zero-copy, skip-copy or quickack gets the socket-level variant.
    /// </summary>
    public static IWorkload Create(PatternKind pattern, TransportKind transport, WorkloadParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        bool socketLevel = parameters.ZeroCopy || parameters.SkipCopy || parameters.QuickAck;
        return socketLevel && transport.IsTcp() && pattern is PatternKind.Stream or PatternKind.Reverse or PatternKind.Bidir
            ? new SocketStreamWorkload()
            : Create(pattern, transport);
    }
}
