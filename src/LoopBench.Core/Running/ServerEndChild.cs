using System.Net.Sockets;
using System.Text.Json;
using LoopBench.Core.Engines;
using LoopBench.Core.Interop;
using LoopBench.Core.Measurement;
using LoopBench.Core.Running.Patterns;
using LoopBench.Core.Safety;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running;

/// <summary>
/// processes: 2, the child's side (the hidden <c>__server</c> verb): binds the case's listener,
/// accepts the parent's connection, runs the server end on its own worker thread with the same
/// engine and pinning, and keeps its own window, opened and closed when the parent says so.
/// Messages are <see cref="ServerEndMessage"/> lines over <see cref="ServerEndParentLink"/>;
/// <see cref="ServerEndCoordinator"/> runs the window; <see cref="ChildServerEnd"/> is the other side.
/// </summary>
internal static class ServerEndChild
{
    /// <summary>
    /// Ctrl-C reaches the terminal's whole foreground process group, this child too: it ignores SIGINT
    /// and leaves it to the parent, which closes the window (and so this child's) and keeps what was
    /// measured. Call first thing in Main: the runtime keeps an ignored SIGINT ignored for good.
    /// </summary>
    public static void IgnoreInterrupt() => ProcessSignals.SetDisposition(ProcessSignals.SigInt, ProcessSignals.Ignore);

    /// <summary>
    /// Reads the request from <paramref name="stdin"/>, serves the case, writes its messages to
    /// <paramref name="stdout"/>. EOF on stdin calls <paramref name="onParentGone"/> (the CLI exits).
    /// Returns 0 after a result, 1 after a failure (reported on stdout), 2 on a malformed request.
    /// </summary>
    public static int Run(TextReader stdin, TextWriter stdout, TextWriter stderr, Action onParentGone)
    {
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(onParentGone);
        ServerEndMessage? request;
        try
        {
            request = JsonSerializer.Deserialize<ServerEndMessage>(
                BoundedInput.ReadLine(stdin, BoundedInput.MaxLineChars, "server request") ?? "null", SandboxChildMessage.JsonOptions);
        }
        catch (Exception ex) when (ex is JsonException or InputTooLargeException)
        {
            stderr.WriteLine($"loopbench {Sandbox.SandboxChildCommand.ServerEndVerb}: malformed request: {ex.Message}");
            return 2;
        }

        if (request is not { Kind: ServerEndMessage.Request, Case: not null })
        {
            stderr.WriteLine($"loopbench {Sandbox.SandboxChildCommand.ServerEndVerb}: no request on stdin (this verb is started by LoopBench itself)");
            return 2;
        }

        // Die with the parent even after kill -9: the signal comes when the thread that started this
        // process exits, which is the parent's coordinator, alive for the whole repetition.
        if (request.Pid is int parent && (!ProcessSignals.SetParentDeathSignal(ProcessSignals.SigKill) || ProcessSignals.ParentProcessId() != parent))
        {
            onParentGone();
            return SandboxCaseChild.ParentGoneExitCode;
        }

        var window = new ServerEndWindowControl();
        var link = new ServerEndParentLink(stdin, stdout, window, onParentGone);
        try
        {
            return Serve(request, request.Case.Resolve(), link, window);
        }
        catch (Exception ex) when (ex is TransportSetupException or SocketException or IOException or InvalidOperationException or TimeoutException)
        {
            link.Send(new ServerEndMessage { Kind = ServerEndMessage.Failed, Failure = ex.Message });
            return 1;
        }
    }

    /// <summary>Listens, accepts the parent's connection, starts the server end, then hands over to <see cref="ServerEndCoordinator"/>.</summary>
    private static int Serve(ServerEndMessage request, Case c, ServerEndParentLink parent, ServerEndWindowControl control)
    {
        var connectTimeout = TimeSpan.FromMilliseconds(request.ConnectTimeoutMs ?? 5_000);
        Socket server;
        int strays;
        // The listener gets the server's pre-connect knobs (accepted sockets inherit them), as in one process.
        var knobs = new KnobWiring();
        using (var listener = LoopbackListener.Open(knobs.WithKnobHooks(CaseTransportOptions.Of(c), c)))
        {
            parent.Send(new ServerEndMessage { Kind = ServerEndMessage.Ready, Pid = Environment.ProcessId, Address = listener.Address });
            var expect = parent.Next(connectTimeout + TimeSpan.FromSeconds(30))
                ?? throw new TimeoutException($"the parent did not connect within {(connectTimeout + TimeSpan.FromSeconds(30)).TotalSeconds:0} s");
            // The same check as the in-process connector: the client's address, or its pid on a Unix socket.
            Func<Socket, bool> expected = c.Transport.IsIp()
                ? s => string.Equals(s.RemoteEndPoint?.ToString(), expect.Peer, StringComparison.Ordinal)
                : s => LoopbackConnector.PeerPid(s) == expect.PeerPid;
            (server, strays) = LoopbackConnector.AcceptExpected(listener.Socket, connectTimeout, expected);
            listener.UnlinkPath();
            LoopbackListener.DeleteDirectory(listener.TakeDirectory());
        }

        IReadOnlyList<KnobResult> serverKnobs;
        try
        {
            if (c.Transport.IsTcp())
            {
                server.NoDelay = c.NoDelay ?? false;
            }

            serverKnobs = knobs.ApplyAfterConnect(c, server, EndRole.Server);
        }
        catch
        {
            server.Dispose();
            throw;
        }

        parent.Send(new ServerEndMessage
        {
            Kind = ServerEndMessage.Accepted, StrayConnections = strays, ServerSocket = SocketTuning.ReadEnd(server), ServerKnobs = serverKnobs,
        });
        var engine = EngineFactory.Create(c.Engine, c.ReceiveSpin ?? 0, c.Spin, c.ReceiveLowatBytes ?? 0);
        using var channel = engine.Open(server);
        var end = ServerEnd(c, channel, server, control.Window);
        using var barrier = new Barrier(2);
        var worker = engine.Start(new WorkerSpec(end.Name, request.ServerCpu, control.Timed(end.Body), barrier, connectTimeout + TimeSpan.FromSeconds(5)));
        if (!barrier.SignalAndWait(connectTimeout + TimeSpan.FromSeconds(5)))
        {
            channel.Abort();
            throw new TimeoutException($"{end.Name} did not reach the start barrier");
        }

        control.Worker = worker; // after the barrier: the worker has written its thread id by then

        var drain = TimeSpan.FromMilliseconds(request.DrainTimeoutMs ?? 10_000);
        var measured = ServerEndCoordinator.Measure(c, parent, end, worker, control, drain, () => KnobRecords.WithEndEvidence(server, serverKnobs));
        if (measured is not null)
        {
            channel.Abort();
            parent.Send(new ServerEndMessage { Kind = ServerEndMessage.Failed, Failure = measured });
            return 1;
        }

        return 0;
    }

    /// <summary>The server end of the case's one flow, made by the same workload as in one process.</summary>
    private static WorkloadEnd ServerEnd(Case c, IChannel channel, Socket server, MeasureWindow window)
    {
        var p = c.ToWorkloadParameters();
        var pattern = TrafficPatterns.Of(c.Pattern);
        var unused = new ConnectionSlot(null); // the client end lives in the parent; its shape is never run here
        var context = new WorkloadContext(p, unused, channel, window)
        {
            Direction = pattern.DataDirection,
            ServerSocket = server,
        };
        var workload = pattern.SplitFlowWorkload(c.Transport, p) ?? throw new TransportSetupException($"processes 2 does not run {c.Pattern.ToId()}");
        return workload.CreateEnds(context).Single(e => e.Role == EndRole.Server);
    }
}
