using System.Collections.Concurrent;
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
/// Messages are <see cref="ServerEndMessage"/> lines; <see cref="ChildServerEnd"/> is the other side.
/// </summary>
public static class ServerEndChild
{
    /// <summary>How often the child looks at its worker and, while measuring, reports progress.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    /// <summary>How long the child waits for the window's close beyond warm-up and window, before it gives up.</summary>
    private static readonly TimeSpan CloseAllowance = TimeSpan.FromSeconds(60);

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
            return SandboxedRunner.ParentGoneExitCode;
        }

        var inbox = new BlockingCollection<ServerEndMessage?>();
        var window = new WindowControl();
        new Thread(() => ReadParent(stdin, inbox, window)) { IsBackground = true, Name = "lb-parent-read" }.Start();
        var gate = new Lock();
        void Send(ServerEndMessage m)
        {
            string line = JsonSerializer.Serialize(m, SandboxChildMessage.JsonOptions);
            lock (gate)
            {
                stdout.WriteLine(line);
                stdout.Flush();
            }
        }

        try
        {
            return Serve(request, request.Case.Resolve(), inbox, window, Send, onParentGone);
        }
        catch (Exception ex) when (ex is TransportSetupException or SocketException or IOException or InvalidOperationException or TimeoutException)
        {
            Send(new ServerEndMessage { Kind = ServerEndMessage.Failed, Failure = ex.Message });
            return 1;
        }
    }

    private static int Serve(
        ServerEndMessage request, Case c, BlockingCollection<ServerEndMessage?> inbox, WindowControl control, Action<ServerEndMessage> send, Action onParentGone)
    {
        var connectTimeout = TimeSpan.FromMilliseconds(request.ConnectTimeoutMs ?? 5_000);
        Socket server;
        int strays;
        using (var listener = LoopbackListener.Open(Runner.TransportOptionsOf(c)))
        {
            send(new ServerEndMessage { Kind = ServerEndMessage.Ready, Pid = Environment.ProcessId, Address = listener.Address });
            var expect = Next(inbox, connectTimeout + TimeSpan.FromSeconds(30), onParentGone)
                ?? throw new TimeoutException($"the parent did not connect within {(connectTimeout + TimeSpan.FromSeconds(30)).TotalSeconds:0} s");
            // The same check as the in-process connector: the client's address, or its pid on a Unix socket.
            Func<Socket, bool> expected = c.Transport.IsIp()
                ? s => string.Equals(s.RemoteEndPoint?.ToString(), expect.Peer, StringComparison.Ordinal)
                : s => LoopbackConnector.PeerPid(s) == expect.PeerPid;
            (server, strays) = LoopbackConnector.AcceptExpected(listener.Socket, connectTimeout, expected);
            listener.UnlinkPath();
            LoopbackListener.DeleteDirectory(listener.TakeDirectory());
        }

        if (c.Transport.IsTcp())
        {
            server.NoDelay = c.NoDelay ?? false;
        }

        send(new ServerEndMessage { Kind = ServerEndMessage.Accepted, StrayConnections = strays, ServerSocket = SocketTuning.ReadEnd(server) });
        var engine = EngineFactory.Create(c.Engine, c.ReceiveSpin ?? 0);
        using var channel = engine.Open(server);
        var end = ServerEnd(c, channel, server, control.Window);
        using var barrier = new Barrier(2);
        var worker = engine.Start(new WorkerSpec(end.Name, request.ServerCpu, control.Timed(end.Body), barrier, connectTimeout + TimeSpan.FromSeconds(5)));
        control.Worker = worker;
        if (!barrier.SignalAndWait(connectTimeout + TimeSpan.FromSeconds(5)))
        {
            channel.Abort();
            throw new TimeoutException($"{end.Name} did not reach the start barrier");
        }

        var drain = TimeSpan.FromMilliseconds(request.DrainTimeoutMs ?? 10_000);
        var measured = Measure(c, inbox, send, onParentGone, end, worker, control, drain);
        if (measured is not null)
        {
            channel.Abort();
            send(new ServerEndMessage { Kind = ServerEndMessage.Failed, Failure = measured });
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

    /// <summary>The child's coordinator: open and close on the parent's word, progress, then the result. Returns a failure, or null after the result was sent.</summary>
    private static string? Measure(
        Case c, BlockingCollection<ServerEndMessage?> inbox, Action<ServerEndMessage> send, Action onParentGone,
        WorkloadEnd end, WorkerHandle worker, WindowControl control, TimeSpan drain)
    {
        var window = control.Window;
        var cpus = new SortedSet<int>();
        var allowance = TimeSpan.FromMilliseconds(c.WarmupMs + c.DurationMs) + CloseAllowance;
        var deadline = DateTime.UtcNow + allowance;
        while (true)
        {
            Observe(cpus, worker);
            var message = Next(inbox, Tick, onParentGone);
            if (message is null)
            {
                // An end that met end of stream waits for the close, already on its way (the parent
                // says close before its sender stops); one that failed is reported at once.
                if (worker.Completion.IsCompleted && (end.Failure ?? worker.Completion.Exception?.InnerException?.Message) is string failure)
                {
                    return $"{end.Name} stopped before the window closed: {failure}";
                }

                if (DateTime.UtcNow > deadline)
                {
                    return $"the parent did not close the window within {allowance.TotalSeconds:0} s";
                }

                if (window.IsMeasuring && c.IntervalMs > 0)
                {
                    var (bytes, messages, transactions) = end.Counters.Read();
                    send(new ServerEndMessage { Kind = ServerEndMessage.Progress, Bytes = bytes, Messages = messages, Transactions = transactions });
                }

                continue;
            }

            if (message.Kind == ServerEndMessage.Close)
            {
                break;
            }
        }

        Observe(cpus, worker);
        try
        {
            if (!worker.Completion.Wait(drain))
            {
                return $"{end.Name} did not stop within {drain.TotalSeconds:0} s after the window closed";
            }
        }
        catch (AggregateException ex)
        {
            return $"{end.Name}: {ex.InnerException?.Message}";
        }

        var counters = end.Channel.Counters;
        send(new ServerEndMessage
        {
            Kind = ServerEndMessage.Result,
            Pid = Environment.ProcessId,
            Bytes = end.Counters.Bytes,
            Messages = end.Counters.Messages,
            Transactions = end.Counters.Transactions,
            Calls = new ServerEndCalls(counters.SendCalls, counters.ReceiveCalls, counters.ShortSends, counters.ShortReceives, counters.SyncCompletions, counters.AsyncCompletions) { SpinHits = counters.SpinHits, SpinMisses = counters.SpinMisses },
            T0Ticks = window.T0Ticks,
            T1Ticks = window.T1Ticks,
            ThreadId = worker.ThreadId,
            ThreadCpuNs = control.ThreadCpuNs,
            ProcessUserUs = control.ProcessCpu.UserUs,
            ProcessSystemUs = control.ProcessCpu.SystemUs,
            CpusObserved = [.. cpus],
            Failure = end.Failure,
        });
        return null;
    }

    private static void Observe(SortedSet<int> cpus, WorkerHandle worker)
    {
        int cpu = worker.ThreadId > 0 ? CpuAffinity.LastCpuOf(worker.ThreadId) : -1;
        if (cpu >= 0)
        {
            cpus.Add(cpu);
        }
    }

    /// <summary>The parent's next message within <paramref name="timeout"/>, or null; EOF (the parent is gone) calls <paramref name="onParentGone"/>.</summary>
    private static ServerEndMessage? Next(BlockingCollection<ServerEndMessage?> inbox, TimeSpan timeout, Action onParentGone)
    {
        if (!inbox.TryTake(out var message, timeout))
        {
            return null;
        }

        if (message is null)
        {
            onParentGone();
            throw new IOException("the parent is gone");
        }

        return message;
    }

    private static void ReadParent(TextReader stdin, BlockingCollection<ServerEndMessage?> inbox, WindowControl window)
    {
        try
        {
            while (BoundedInput.ReadLine(stdin, BoundedInput.MaxLineChars, "parent message") is string line)
            {
                try
                {
                    if (JsonSerializer.Deserialize<ServerEndMessage>(line, SandboxChildMessage.JsonOptions) is { } message)
                    {
                        window.Obey(message.Kind);
                        inbox.Add(message);
                    }
                }
                catch (JsonException)
                {
                    // not a message: ignored
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InputTooLargeException)
        {
            // a broken pipe is EOF too
        }

        inbox.Add(null);
    }

    /// <summary>
    /// The child's window, opened and closed by the thread that reads the parent's word, so that
    /// the child's T0 and T1 trail the parent's by one pipe hop and no more; with the CPU readings.
    /// </summary>
    private sealed class WindowControl
    {
        private long _threadStartNs;
        private long _threadEndNs = -1;
        private CpuTimeUs _processStart;

        public MeasureWindow Window { get; } = new();

        /// <summary>The server end's worker, once started (open and close read its thread's CPU clock).</summary>
        public WorkerHandle? Worker { get; set; }

        /// <summary>The worker thread's CPU over the window, ns; null when it could not be read (a pooled engine).</summary>
        public long? ThreadCpuNs { get; private set; }

        /// <summary>This process's CPU over the window.</summary>
        public CpuTimeUs ProcessCpu { get; private set; }

        /// <summary>Runs <paramref name="body"/>, then reads its thread's CPU clock: a receiver that met end of stream before the close arrived has left by then.</summary>
        public Func<ValueTask> Timed(Func<ValueTask> body) => async () =>
        {
            try
            {
                await body();
            }
            finally
            {
                if (Worker is { } worker && worker.ThreadId == CpuAffinity.CurrentThreadId() && ThreadCpuTime.TryThreadNs(worker.ThreadId, out long ns))
                {
                    Volatile.Write(ref _threadEndNs, ns);
                }
            }
        };

        public void Obey(string kind)
        {
            if (kind == ServerEndMessage.Open && Window.IsWarmingUp)
            {
                Window.Open();
                _processStart = ThreadCpuTime.Process();
                _threadStartNs = Worker is { ThreadId: > 0 } w && ThreadCpuTime.TryThreadNs(w.ThreadId, out long ns) ? ns : -1;
            }
            else if (kind == ServerEndMessage.Close && !Window.IsStopping)
            {
                // CPU first, as the parent's coordinator does: the worker may leave once the window closes.
                if (!Window.IsWarmingUp)
                {
                    ProcessCpu = ThreadCpuTime.Process() - _processStart;
                    long end = Worker is { ThreadId: > 0 } w && ThreadCpuTime.TryThreadNs(w.ThreadId, out long ns) ? ns : Volatile.Read(ref _threadEndNs);
                    ThreadCpuNs = _threadStartNs >= 0 && end >= 0 ? end - _threadStartNs : null;
                }

                Window.Close();
            }
        }
    }
}
