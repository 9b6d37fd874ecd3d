using System.Net;
using System.Net.Sockets;
using LoopBench.Core.Engines;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Sandbox;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running;

/// <summary>
/// processes: 2, the parent's side: the server end of the case's one flow runs in a child LoopBench
/// process (<see cref="ServerEndChild"/>), and here it is a stand-in end of the flow set. The child
/// listens and says where; the parent connects and names its client, the child accepts that
/// connection only (strays counted) and runs the server end's body with the same engine and pinning.
/// The window's open and close reach the child over its stdin (<see cref="ServerChildLink"/>); its
/// final counts, its own T0/T1, CPU and read-back settings come back on its stdout, and
/// <see cref="Amend"/> folds them into the result (<see cref="ChildServerFigures"/>).
/// </summary>
/// <remarks>
/// Interval lines of a figure counted in the child use its latest progress report (sent every
/// 100 ms), so they lag by up to that much; the repetition's figures do not.
/// </remarks>
internal sealed class ChildServerEnd : IDisposable
{
    /// <summary>Time the child gets to start its runtime and listen, beyond the connect timeout.</summary>
    private static readonly TimeSpan StartupAllowance = TimeSpan.FromSeconds(30);

    private readonly ServerChildLink _link;
    private readonly int? _serverCpu;
    private readonly RemoteChannel _channel;
    private WorkloadEnd? _standIn;
    private SocketEndSettings? _serverSettings;
    private IReadOnlyList<KnobResult>? _serverKnobs;
    private (Socket Client, TrafficDirection Direction, IReadOnlyList<KnobResult> Knobs)? _clientFlow;

    private ChildServerEnd(SandboxChildCommand command, int? serverCpu)
    {
        _serverCpu = serverCpu;
        _link = ServerChildLink.Start(command, TakeProgress);
        _channel = new RemoteChannel(_link);
    }

    /// <summary>The child's pid.</summary>
    public int Pid => _link.Pid;

    /// <summary>Strangers' connections the child turned away before the parent's arrived.</summary>
    public int StrayConnections { get; private set; }

    /// <summary>Starts the child for <paramref name="resolved"/> and hands it the request; the child pins its server end to <paramref name="serverCpu"/>.</summary>
    public static ChildServerEnd Start(Case resolved, SandboxChildCommand command, int? serverCpu, RunnerOptions options)
    {
        var child = new ChildServerEnd(command, serverCpu);
        child._link.Send(new ServerEndMessage
        {
            Kind = ServerEndMessage.Request,
            Case = resolved,
            ServerCpu = serverCpu,
            Pid = Environment.ProcessId,
            ConnectTimeoutMs = (long)options.ConnectTimeout.TotalMilliseconds,
            DrainTimeoutMs = (long)options.DrainTimeout.TotalMilliseconds,
        });
        return child;
    }

    /// <summary>
    /// Waits for the child's listener, connects a client to it and has the child accept that
    /// connection; returns the connected client socket, or throws <see cref="TransportSetupException"/>.
    /// </summary>
    public Socket Connect(TransportOptions options, TimeSpan timeout)
    {
        var ready = _link.Await(_link.Ready, StartupAllowance + timeout, "report its listening address");
        var endPoint = EndPointOf(ready.Address ?? string.Empty, options.Kind);
        var family = endPoint is IPEndPoint ip ? ip.AddressFamily : AddressFamily.Unix;
        var client = LoopbackListener.NewSocket(options, family, options.Source);
        try
        {
            options.ConfigureClient?.Invoke(client);
            LoopbackConnector.ConnectWithin(client, endPoint, timeout);
            _link.Send(options.Kind.IsIp()
                ? new ServerEndMessage { Kind = ServerEndMessage.Expect, Peer = client.LocalEndPoint!.ToString() }
                : new ServerEndMessage { Kind = ServerEndMessage.Expect, PeerPid = Environment.ProcessId });
            var accepted = _link.Await(_link.Accepted, timeout + TimeSpan.FromSeconds(5), "accept the connection");
            StrayConnections = accepted.StrayConnections ?? 0;
            _serverSettings = accepted.ServerSocket;
            _serverKnobs = accepted.ServerKnobs;
            return client;
        }
        catch (SocketException ex)
        {
            client.Dispose();
            throw new TransportSetupException($"cannot connect to the server child (pid {Pid}) at {ready.Address}: {ex.Message}", ex);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Both ends' settings: the client's read here, the server's as the child read it back.</summary>
    public SocketSettingsResult SocketSettings(Socket client) =>
        SocketTuning.Combine(SocketTuning.ReadEnd(client), _serverSettings ?? throw new InvalidOperationException("not connected"));

    /// <summary>Keeps the client socket's knob records (applied here after connect) for the flow's record.</summary>
    public void KeepClientKnobs(Socket client, TrafficDirection direction, IReadOnlyList<KnobResult> knobs) => _clientFlow = (client, direction, knobs);

    /// <summary>
    /// The flow's knob records in the shape one process gives them: the client's with evidence read
    /// here, then the server's as the child read them after its end stopped (as at accept when it sent
    /// no result). No TCP_INFO series: the server's socket is in the child. Null before connect.
    /// </summary>
    public FlowProbeResult? FlowProbeResult()
    {
        if (_clientFlow is not var (client, direction, knobs))
        {
            return null;
        }

        var server = (_link.Result.IsCompletedSuccessfully ? _link.Result.Result.ServerKnobs : null) ?? _serverKnobs ?? [];
        return new FlowProbeResult(_standIn?.Flow ?? 0, direction, [.. KnobRecords.WithEndEvidence(client, knobs), .. server], null);
    }

    /// <summary>
    /// The stand-in for <paramref name="serverEnd"/> (made by the workload for shape only, never run):
    /// same name, role and direction; its body waits for the child's report and takes its counts.
    /// It also ties the child's window to <paramref name="window"/>.
    /// </summary>
    public WorkloadEnd StandIn(WorkloadEnd serverEnd, MeasureWindow window)
    {
        ArgumentNullException.ThrowIfNull(serverEnd);
        ArgumentNullException.ThrowIfNull(window);
        var end = new WorkloadEnd(serverEnd.Name, serverEnd.Role, serverEnd.Direction, _channel)
        {
            Flow = serverEnd.Flow, FlowDirection = serverEnd.FlowDirection, Finishes = serverEnd.Finishes,
        };
        end.Body = () => new ValueTask(TakeReportAsync(end));
        window.Opened += () => _link.Send(new ServerEndMessage { Kind = ServerEndMessage.Open });
        window.Closing += () => _link.Send(new ServerEndMessage { Kind = ServerEndMessage.Close });
        _standIn = end;
        return end;
    }

    /// <summary>The repetition's figures with the child's, each end's over its own window (<see cref="ChildServerFigures"/>).</summary>
    public RepetitionResult Amend(RepetitionResult result, MeasureWindow window) =>
        ChildServerFigures.Amend(result, window, _standIn, _link.Result.IsCompletedSuccessfully ? _link.Result.Result : null, Pid, _serverCpu);

    /// <summary>Ends the child (<see cref="ServerChildLink.Dispose"/>).</summary>
    public void Dispose() => _link.Dispose();

    private async Task TakeReportAsync(WorkloadEnd end)
    {
        var report = await _link.Result.ConfigureAwait(false);
        end.Counters.Bytes = report.Bytes ?? Volatile.Read(ref end.Counters.Bytes);
        end.Counters.Messages = report.Messages ?? Volatile.Read(ref end.Counters.Messages);
        end.Counters.Transactions = report.Transactions ?? Volatile.Read(ref end.Counters.Transactions);
        if (report.Calls is { } calls)
        {
            var c = _channel.Counters;
            (c.SendCalls, c.ReceiveCalls, c.ShortSends, c.ShortReceives, c.SyncCompletions, c.AsyncCompletions) =
                (calls.SendCalls, calls.ReceiveCalls, calls.ShortSends, calls.ShortReceives, calls.SyncCompletions, calls.AsyncCompletions);
            (c.SpinHits, c.SpinMisses, c.ReceiveLowatBytes) = (calls.SpinHits, calls.SpinMisses, calls.ReceiveLowatBytes);
        }

        end.Counters.QuickAckRearms = report.QuickAckRearms ?? 0;
        end.Counters.QuickAckRefused = report.QuickAckRefused ?? 0;

        if (report.Failure is string failure)
        {
            end.Failure = report.Kind == ServerEndMessage.Failed ? failure : $"server child (pid {Pid}): {failure}";
        }
    }

    /// <summary>On the link's reader thread: interval lines only, the final counts come with the result.</summary>
    private void TakeProgress(ServerEndMessage message)
    {
        if (_standIn is { } end)
        {
            Volatile.Write(ref end.Counters.Bytes, message.Bytes ?? 0);
            Volatile.Write(ref end.Counters.Messages, message.Messages ?? 0);
            Volatile.Write(ref end.Counters.Transactions, message.Transactions ?? 0);
        }
    }

    private static EndPoint EndPointOf(string address, TransportKind kind)
    {
        if (kind.IsIp())
        {
            return IPEndPoint.TryParse(address, out var ip) ? ip : throw new TransportSetupException($"the server child reported an unreadable address '{address}'");
        }

        return new UnixDomainSocketEndPoint(address.StartsWith('@') ? "\0" + address[1..] : address);
    }

    /// <summary>
    /// The stand-in end's channel: it moves nothing (the child's socket does), carries the child's
    /// engine counters, and aborting it kills the child, which ends the stand-in's wait.
    /// </summary>
    private sealed class RemoteChannel(ServerChildLink link) : IChannel
    {
        public EngineCounters Counters { get; } = new();

        public string? LastError => null;

        public ValueTask<int> SendAsync(ReadOnlyMemory<byte> data) => throw new NotSupportedException("the server end runs in the child");

        public ValueTask<int> ReceiveAsync(Memory<byte> buffer) => throw new NotSupportedException("the server end runs in the child");

        public void ShutdownSend()
        {
        }

        public void Abort() => link.Kill();

        public void Dispose()
        {
        }
    }
}
