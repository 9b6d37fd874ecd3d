using System.Net.Sockets;
using LoopBench.Core.Engines;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Running.Patterns;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running;

/// <summary>
/// A repetition's flows: what a pattern unit uses to open pairs, listeners and channels and to add
/// its workload ends, and everything that was opened, closed in reverse order.
/// </summary>
internal sealed class RepetitionFlows : IDisposable
{
    /// <summary>SO_RCVTIMEO of datagram receivers, so they notice T1 and the drain grace when idle.</summary>
    public const int DatagramIdleTimeoutMs = 20;

    private readonly IEngine _engine;
    private readonly TransportOptions _transport;
    private readonly KnobWiring _knobs;
    private readonly TimeSpan _connectTimeout;

    public RepetitionFlows(Case c, IEngine engine, MeasureWindow window, TransportOptions transport, KnobWiring knobs, TimeSpan connectTimeout)
    {
        Case = c;
        Parameters = c.ToWorkloadParameters();
        Window = window;
        _engine = engine;
        _transport = transport;
        _knobs = knobs;
        _connectTimeout = connectTimeout;
    }

    /// <summary>The resolved case.</summary>
    public Case Case { get; }

    /// <summary>The case's workload parameters.</summary>
    public WorkloadParameters Parameters { get; }

    /// <summary>The global window every end counts in.</summary>
    public MeasureWindow Window { get; }

    public List<WorkloadEnd> Ends { get; } = [];

    public SocketSettingsResult? Socket { get; private set; }

    /// <summary>Strangers' connections turned away while the pairs were made.</summary>
    public int StrayConnections { get; private set; }

    /// <summary>The first pair: its TCP_INFO series stands for the case.</summary>
    public ConnectedPair? FirstPair { get; private set; }

    /// <summary>Every pair with its flow and knob records, in connect order.</summary>
    public List<FlowProbe> Probes { get; } = [];

    /// <summary>processes: 2: the child running the server end; null in one process.</summary>
    public ChildServerEnd? ServerChild { get; private set; }

    /// <summary>crr: each flow's knob recorder.</summary>
    public List<CrrKnobRecorder> Crr { get; } = [];

    /// <summary>What the flows own, in opening order: pairs, channels, listeners (capture reads their endpoints).</summary>
    internal List<IDisposable> Owned { get; } = [];

    /// <summary>Wraps a socket in the engine's channel (crr's per-connection open).</summary>
    public Func<Socket, IChannel> EngineOpen => _engine.Open;

    /// <summary>A connected pair for <paramref name="flow"/>, tuned, with its knobs applied and recorded.</summary>
    public ConnectedPair Connect(int flow, TrafficDirection direction)
    {
        var pair = LoopbackConnector.Connect(_transport, _connectTimeout);
        Owned.Add(pair);
        StrayConnections += pair.StrayConnections;
        SocketTuning.Apply(pair, Case.NoDelay ?? false);
        var knobs = _knobs.ApplyAfterConnect(Case, pair);
        FirstPair ??= pair;
        Probes.Add(new FlowProbe(flow, direction, pair, knobs));
        if (Case.Transport.IsConnectionless())
        {
            pair.Client.ReceiveTimeout = DatagramIdleTimeoutMs;
            pair.Server.ReceiveTimeout = DatagramIdleTimeoutMs;
        }

        Socket ??= SocketTuning.ReadBack(pair);
        return pair;
    }

    /// <summary>The engine's channel over <paramref name="socket"/>, closed with the flows.</summary>
    public IChannel Open(Socket socket)
    {
        var channel = _engine.Open(socket);
        Owned.Add(channel);
        return channel;
    }

    /// <summary>crr: a listener for <paramref name="flow"/> whose sockets get the knobs per connection, recorded.</summary>
    public LoopbackListener OpenListener(int flow)
    {
        var recorder = new CrrKnobRecorder(flow);
        Crr.Add(recorder);
        var listener = LoopbackListener.Open(_knobs.WithPerConnectionHooks(_transport, Case, recorder), backlog: 1024);
        Owned.Add(listener);
        return listener;
    }

    /// <summary>Adds a pattern's workload ends.</summary>
    public void Add(IEnumerable<WorkloadEnd> ends) => Ends.AddRange(ends);

    /// <summary>One one-way flow on its own pair (stream, reverse, bidir, rr-under-load's load).</summary>
    public void AddStreamFlow(int flow, FlowDirection direction, WorkloadParameters p)
    {
        var pair = Connect(flow, TrafficDirections.Of(direction));
        Add(WorkloadFactory.Stream(Case.Transport, p).CreateEnds(
            new WorkloadContext(p, Open(pair.Client), Open(pair.Server), Window)
            { Flow = flow, Direction = direction, ClientSocket = pair.Client, ServerSocket = pair.Server }));
    }

    /// <summary>
    /// processes: 2: the case's one flow with its server end in a child process (<see cref="ChildServerEnd"/>);
    /// the client end is made by the same workload as in one process, and runs here.
    /// </summary>
    public void AddChildServerFlow(ITrafficPattern pattern, RunnerOptions options, int? serverCpu)
    {
        if (CaseProcessesRules.Refusal(Case) is string refusal)
        {
            throw new TransportSetupException(refusal);
        }

        var workload = pattern.SplitFlowWorkload(Case.Transport, Parameters)
            ?? throw new TransportSetupException($"processes 2 does not run {Case.Pattern.ToId()}");

        var command = options.ServerChild
            ?? throw new TransportSetupException("processes 2 needs a way to start the LoopBench CLI as the server child; this runner has none (RunnerOptions.ServerChild)");
        var child = ChildServerEnd.Start(Case, command, serverCpu, options);
        Owned.Add(child);
        ServerChild = child;
        var client = child.Connect(_transport, options.ConnectTimeout);
        var channel = Open(client);
        StrayConnections += child.StrayConnections;
        if (Case.Transport.IsTcp())
        {
            client.NoDelay = Case.NoDelay ?? false;
        }

        // The server's knobs were applied and read back in the child, after its accept.
        var direction = pattern.RequestResponse ? TrafficDirection.RequestResponse : TrafficDirections.Of(pattern.DataDirection);
        child.KeepClientKnobs(client, direction, _knobs.ApplyAfterConnect(Case, client, EndRole.Client));
        Socket = child.SocketSettings(client);
        var context = new WorkloadContext(Parameters, channel, new ConnectionSlot(null), Window)
        {
            Direction = pattern.DataDirection,
            ClientSocket = client,
        };
        Add(workload.CreateEnds(context).Select(e => e.Role == EndRole.Server ? child.StandIn(e, Window) : e));
    }

    public void Dispose()
    {
        for (int i = Owned.Count - 1; i >= 0; i--)
        {
            Owned[i].Dispose();
        }
    }
}
