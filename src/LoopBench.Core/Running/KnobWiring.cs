using System.Net.Sockets;
using LoopBench.Core.Measurement;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Running;

/// <summary>Socket knobs: before connect through the connector's hooks, the rest after connect, read back.</summary>
internal sealed class KnobWiring
{
    private KernelNetLimits? _limits;

    /// <summary>The host's limits, read once per runner (lo's qdisc from the first counter snapshot).</summary>
    private KernelNetLimits Limits => _limits ??= KernelNetLimits.Read(LoQdisc());

    private static string? LoQdisc()
    {
        try
        {
            return KernelCounters.Snapshot().LoQdiscKind;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null;
        }
    }

    private static bool HasKnobs(Case c) => c.ClientKnobs.Requested().Any() || c.ServerKnobs.Requested().Any();

    /// <summary>
    /// TCP_MAXSEG acts only before connect(), and buffers set then also size the window scale in the
    /// SYN: set those on the client socket before connect and on the listener (accepted sockets inherit).
    /// TCP_CONGESTION too: a socket that starts under bbr (a common default) keeps bbr's internal
    /// pacing after a later switch to cubic, and its data then leaves from the pacing timer or the
    /// peer's ACKs instead of the sender's writes (measured: same-cpu tcp4 stream at about half the
    /// rate of the same socket given cubic before connect, as iperf3 gives it).
    /// </summary>
    public TransportOptions WithKnobHooks(TransportOptions options, Case c)
    {
        if (!HasKnobs(c))
        {
            return options;
        }

        string id = c.Transport.ToId();
        var limits = Limits;
        return options with
        {
            ConfigureClient = s => SocketKnobApplier.Apply(s, id, EndRole.Client, PreConnect(c.ClientKnobs), limits),
            ConfigureListener = s => SocketKnobApplier.Apply(s, id, EndRole.Server, PreConnect(c.ServerKnobs), limits),
        };
    }

    private static SocketKnobs PreConnect(SocketKnobs k) => new()
    {
        SendBufferBytes = k.SendBufferBytes,
        ReceiveBufferBytes = k.ReceiveBufferBytes,
        ForceBuffers = k.ForceBuffers,
        MaxSegmentBytes = k.MaxSegmentBytes,
        CongestionControl = k.CongestionControl,
    };

    /// <summary>
    /// After connect: every knob again (idempotent), read back; a failed knob fails the setup. Every
    /// pair gets its records (the buffer sizes at least), kept per flow.
    /// </summary>
    public IReadOnlyList<KnobResult> ApplyAfterConnect(Case c, ConnectedPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return [.. ApplyAfterConnect(c, pair.Client, EndRole.Client), .. ApplyAfterConnect(c, pair.Server, EndRole.Server)];
    }

    /// <summary>
    /// After connect, one end only: <paramref name="side"/> gets that side's
    /// knobs, read back; a failed knob fails the setup. processes: 2 applies each end in its own process.
    /// </summary>
    public IReadOnlyList<KnobResult> ApplyAfterConnect(Case c, Socket socket, EndRole side)
    {
        ArgumentNullException.ThrowIfNull(c);
        var knobs = side == EndRole.Client ? c.ClientKnobs : c.ServerKnobs;
        var results = SocketKnobApplier.Apply(socket, c.Transport.ToId(), side, knobs, Limits);
        if (results.FirstOrDefault(r => r.Status == KnobStatus.Failed) is { } failed)
        {
            throw new TransportSetupException($"{failed.Side.ToId()} {failed.Describe()}");
        }

        return results;
    }

    /// <summary>
    /// crr: each connection's client socket gets every knob before connect (the ones that only act
    /// after connect are accepted then too), and the listener gets the server's, which accepted
    /// sockets inherit; TCP_NODELAY likewise when the case asks for it. The recorder keeps the first
    /// and last read-back. This is setup work inside each measured transaction, as the socket itself
    /// is; without knobs and NODELAY nothing is added.
    /// </summary>
    public TransportOptions WithPerConnectionHooks(TransportOptions options, Case c, CrrKnobRecorder recorder)
    {
        // TCP_NODELAY goes on each client socket before connect and on the listener, whose accepted
        // sockets inherit it (pairs get it from SocketTuning.Apply; crr connects per transaction).
        bool noDelay = c.NoDelay == true && c.Transport.IsTcp();
        bool knobs = HasKnobs(c);
        if (!noDelay && !knobs)
        {
            return options;
        }

        string id = c.Transport.ToId();
        var limits = Limits;
        Action<Socket> Hook(Action<Socket>? earlier, Action<Socket> applyKnobs) => s =>
        {
            earlier?.Invoke(s); // hooks compose
            if (noDelay)
            {
                s.NoDelay = true;
            }

            if (knobs)
            {
                applyKnobs(s);
            }
        };
        return options with
        {
            ConfigureClient = Hook(options.ConfigureClient, s => recorder.Client(SocketKnobApplier.Apply(s, id, EndRole.Client, c.ClientKnobs, limits))),
            ConfigureListener = Hook(options.ConfigureListener, s => recorder.Server(SocketKnobApplier.Apply(s, id, EndRole.Server, c.ServerKnobs, limits))),
        };
    }
}
