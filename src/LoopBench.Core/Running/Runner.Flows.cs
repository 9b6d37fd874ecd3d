using System.Net.Sockets;
using LoopBench.Core.Engines;
using LoopBench.Core.Measurement;
using LoopBench.Core.Safety;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running;

/// <summary>Composes a repetition's flows: pairs or listeners, channels and workload ends, per pattern.</summary>
public sealed partial class Runner
{
    /// <summary>SO_RCVTIMEO of datagram receivers, so they notice T1 and the drain grace when idle.</summary>
    private const int DatagramIdleTimeoutMs = 20;

    private FlowSet BuildFlows(Case c, IEngine engine, MeasureWindow window, PlacementPlan plan)
    {
        if (FileDescriptorBudget.ShortfallFor(c) is string shortfall)
        {
            throw new TransportSetupException(shortfall);
        }

        var set = new FlowSet();
        try
        {
            var p = c.ToWorkloadParameters();
            var options = WithKnobHooks(TransportOptionsOf(c), c);
            options = _options.TransportHook?.Invoke(options) ?? options;
            if (c.Processes != 1)
            {
                AddChildServerFlow(c, engine, options, set, p, window, plan);
                return set;
            }

            switch (c.Pattern)
            {
                case PatternKind.Crr:
                    for (int i = 0; i < c.Parallel; i++)
                    {
                        var recorder = new CrrKnobRecorder(i);
                        set.Crr.Add(recorder);
                        var listener = LoopbackListener.Open(WithCrrKnobHooks(options, c, recorder), backlog: 1024);
                        set.Owned.Add(listener);
                        var placeholder = new ConnectionSlot(null);
                        set.Ends.AddRange(new ConnectRequestResponseWorkload().CreateEnds(
                            new WorkloadContext(p, placeholder, placeholder, window) { Flow = i, Listener = listener, Open = engine.Open }));
                    }

                    break;
                case PatternKind.RrUnderLoad:
                    var rrPair = Connect(c, options, set, DatagramIdleTimeoutMs, 0, "rr");
                    set.Ends.AddRange(new OpenLoopRequestResponseWorkload().CreateEnds(
                        new WorkloadContext(p, Open(engine, rrPair.Client, set), Open(engine, rrPair.Server, set), window)
                        { ClientReader = Open(engine, rrPair.Client, set), ClientSocket = rrPair.Client, ServerSocket = rrPair.Server }));
                    for (int i = 1; i <= c.Parallel; i++)
                    {
                        AddStreamFlow(c, engine, options, set, p with { RatePerSecond = 0 }, window, i, FlowDirection.ClientToServer);
                    }

                    break;
                case PatternKind.Rr:
                    int clientTimeout = c.RrTimeoutMs is long ms ? (int)ms : DatagramIdleTimeoutMs;
                    for (int i = 0; i < c.Parallel; i++)
                    {
                        var pair = Connect(c, options, set, DatagramIdleTimeoutMs, i, "rr");
                        if (c.Transport.IsConnectionless())
                        {
                            pair.Client.ReceiveTimeout = clientTimeout;
                        }

                        set.Ends.AddRange(WorkloadFactory.Create(c.Pattern, c.Transport).CreateEnds(
                            new WorkloadContext(p, Open(engine, pair.Client, set), Open(engine, pair.Server, set), window)
                            { Flow = i, ClientSocket = pair.Client, ServerSocket = pair.Server }));
                    }

                    break;
                case PatternKind.Bidir when c.BidirMode == BidirMode.Shared:
                    for (int i = 0; i < c.Parallel; i++)
                    {
                        var pair = Connect(c, options, set, DatagramIdleTimeoutMs, i, "both");
                        foreach (var direction in new[] { FlowDirection.ClientToServer, FlowDirection.ServerToClient })
                        {
                            set.Ends.AddRange(WorkloadFactory.Create(c.Pattern, c.Transport, p).CreateEnds(
                                new WorkloadContext(p, Open(engine, pair.Client, set), Open(engine, pair.Server, set), window)
                                { Flow = i, Direction = direction, ClientSocket = pair.Client, ServerSocket = pair.Server }));
                        }
                    }

                    break;
                default:
                    for (int i = 0; i < c.Parallel; i++)
                    {
                        if (c.Pattern != PatternKind.Reverse)
                        {
                            AddStreamFlow(c, engine, options, set, p, window, i, FlowDirection.ClientToServer);
                        }

                        if (c.Pattern != PatternKind.Stream)
                        {
                            AddStreamFlow(c, engine, options, set, p, window, i, FlowDirection.ServerToClient);
                        }
                    }

                    break;
            }

            return set;
        }
        catch
        {
            set.Dispose();
            throw;
        }
    }

    private void AddStreamFlow(
        Case c, IEngine engine, TransportOptions options, FlowSet set, WorkloadParameters p, MeasureWindow window, int flow, FlowDirection direction)
    {
        var pair = Connect(c, options, set, DatagramIdleTimeoutMs, flow, direction == FlowDirection.ClientToServer ? "c2s" : "s2c");
        set.Ends.AddRange(WorkloadFactory.Create(PatternKind.Stream, c.Transport, p).CreateEnds(
            new WorkloadContext(p, Open(engine, pair.Client, set), Open(engine, pair.Server, set), window)
            { Flow = flow, Direction = direction, ClientSocket = pair.Client, ServerSocket = pair.Server }));
    }

    /// <summary>
    /// processes: 2: the case's one flow with its server end in a child process (<see cref="ChildServerEnd"/>);
    /// the client end is made by the same workload as in one process, and runs here.
    /// </summary>
    private void AddChildServerFlow(
        Case c, IEngine engine, TransportOptions options, FlowSet set, WorkloadParameters p, MeasureWindow window, PlacementPlan plan)
    {
        if (CaseValidator.ProcessesRefusal(c) is string refusal)
        {
            throw new TransportSetupException(refusal);
        }

        var command = _options.ServerChild
            ?? throw new TransportSetupException("processes 2 needs a way to start the LoopBench CLI as the server child; this runner has none (RunnerOptions.ServerChild)");
        var child = ChildServerEnd.Start(c, command, plan.ServerCpu, _options);
        set.Owned.Add(child);
        set.ServerChild = child;
        var client = child.Connect(options, _options.ConnectTimeout);
        var channel = Open(engine, client, set);
        set.StrayConnections += child.StrayConnections;
        if (c.Transport.IsTcp())
        {
            client.NoDelay = c.NoDelay ?? false;
        }

        set.Socket = child.SocketSettings(client);
        var workload = c.Pattern == PatternKind.Rr ? WorkloadFactory.Create(c.Pattern, c.Transport) : WorkloadFactory.Create(PatternKind.Stream, c.Transport, p);
        var context = new WorkloadContext(p, channel, new ConnectionSlot(null), window)
        {
            Direction = c.Pattern == PatternKind.Reverse ? FlowDirection.ServerToClient : FlowDirection.ClientToServer,
            ClientSocket = client,
        };
        set.Ends.AddRange(workload.CreateEnds(context).Select(e => e.Role == EndRole.Server ? child.StandIn(e, window) : e));
    }

    private ConnectedPair Connect(Case c, TransportOptions options, FlowSet set, int idleTimeoutMs, int flow, string direction)
    {
        var pair = LoopbackConnector.Connect(options, _options.ConnectTimeout);
        set.Owned.Add(pair);
        set.StrayConnections += pair.StrayConnections;
        SocketTuning.Apply(pair, c.NoDelay ?? false);
        ApplyKnobs(c, pair, set, flow, direction);
        if (c.Transport.IsConnectionless())
        {
            pair.Client.ReceiveTimeout = idleTimeoutMs;
            pair.Server.ReceiveTimeout = idleTimeoutMs;
        }

        set.Socket ??= SocketTuning.ReadBack(pair);
        return pair;
    }

    private static IChannel Open(IEngine engine, Socket socket, FlowSet set)
    {
        var channel = engine.Open(socket);
        set.Owned.Add(channel);
        return channel;
    }

    /// <summary>Everything one repetition opened, closed in reverse order.</summary>
    private sealed class FlowSet : IDisposable
    {
        public List<WorkloadEnd> Ends { get; } = [];

        public List<IDisposable> Owned { get; } = [];

        public Results.SocketSettingsResult? Socket { get; set; }

        /// <summary>Strangers' connections turned away while the pairs were made.</summary>
        public int StrayConnections { get; set; }

        /// <summary>The first pair: its TCP_INFO series stands for the case.</summary>
        public ConnectedPair? FirstPair { get; set; }

        /// <summary>Every pair with its flow and knob records, in connect order.</summary>
        public List<FlowProbe> Probes { get; } = [];

        /// <summary>processes: 2: the child running the server end; null in one process.</summary>
        public ChildServerEnd? ServerChild { get; set; }

        /// <summary>crr: each flow's knob recorder.</summary>
        public List<CrrKnobRecorder> Crr { get; } = [];

        public void Dispose()
        {
            for (int i = Owned.Count - 1; i >= 0; i--)
            {
                Owned[i].Dispose();
            }
        }
    }
}
