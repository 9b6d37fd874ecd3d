using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
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
/// The window's open and close reach the child over its stdin; its final counts, its own T0/T1, CPU
/// and read-back settings come back on its stdout, and <see cref="Amend"/> folds them into the result.
/// </summary>
/// <remarks>
/// Each window is read by its own process's Stopwatch (CLOCK_MONOTONIC, one clock per host), so the
/// child's T0 and T1 differ from the parent's by the control pipe's latency: tens of µs on a quiet
/// host, up to a scheduler slice (ms) when the ends keep every CPU busy. Both windows have the same
/// length to within the difference of the two lags, which <see cref="ServerChildResult"/> records:
/// over a seconds-long window that is of order 1e-5 of a rate on a quiet host (1e-3 at worst on a
/// saturated one), and each end's figure is over its own window, as in one process.
/// Interval lines of a figure counted in the child use its latest progress report (sent every
/// 100 ms), so they lag by up to that much; the repetition's figures do not.
/// </remarks>
internal sealed class ChildServerEnd : IDisposable
{
    /// <summary>Time the child gets to start its runtime and listen, beyond the connect timeout.</summary>
    private static readonly TimeSpan StartupAllowance = TimeSpan.FromSeconds(30);

    private const int StderrTailLines = 20;

    private readonly Process _process;
    private readonly Queue<string> _stderrTail = new();
    private readonly Lock _stdinGate = new();
    private readonly TaskCompletionSource<ServerEndMessage> _ready = NewSignal();
    private readonly TaskCompletionSource<ServerEndMessage> _accepted = NewSignal();
    private readonly TaskCompletionSource<ServerEndMessage> _result = NewSignal();
    private readonly Thread _reader;
    private readonly int? _serverCpu;
    private readonly RemoteChannel _channel;
    private WorkloadEnd? _standIn;
    private SocketEndSettings? _serverSettings;

    private ChildServerEnd(Process process, int? serverCpu)
    {
        _process = process;
        _serverCpu = serverCpu;
        _channel = new RemoteChannel(this);
        _reader = new Thread(ReadMessages) { IsBackground = true, Name = "lb-child-reader" };
        _reader.Start();
    }

    /// <summary>The child's pid.</summary>
    public int Pid => _process.Id;

    /// <summary>Strangers' connections the child turned away before the parent's arrived.</summary>
    public int StrayConnections { get; private set; }

    /// <summary>Starts the child for <paramref name="resolved"/> and hands it the request; the child pins its server end to <paramref name="serverCpu"/>.</summary>
    public static ChildServerEnd Start(Case resolved, SandboxChildCommand command, int? serverCpu, RunnerOptions options)
    {
        var start = (command with { Isolate = false, ChildVerb = SandboxChildCommand.ServerEndVerb }).StartInfo();

        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new TransportSetupException($"cannot start the server child ({start.FileName} {string.Join(' ', start.ArgumentList)}): {ex.Message}", ex);
        }

        var child = new ChildServerEnd(process, serverCpu);
        process.ErrorDataReceived += (_, e) => child.KeepStderr(e.Data);
        process.BeginErrorReadLine();
        child.Send(new ServerEndMessage
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
        var ready = Await(_ready, StartupAllowance + timeout, "report its listening address");
        var endPoint = EndPointOf(ready.Address ?? string.Empty, options.Kind);
        var family = endPoint is IPEndPoint ip ? ip.AddressFamily : AddressFamily.Unix;
        var client = LoopbackListener.NewSocket(options, family, options.Source);
        try
        {
            options.ConfigureClient?.Invoke(client);
            LoopbackConnector.ConnectWithin(client, endPoint, timeout);
            Send(options.Kind.IsIp()
                ? new ServerEndMessage { Kind = ServerEndMessage.Expect, Peer = client.LocalEndPoint!.ToString() }
                : new ServerEndMessage { Kind = ServerEndMessage.Expect, PeerPid = Environment.ProcessId });
            var accepted = Await(_accepted, timeout + TimeSpan.FromSeconds(5), "accept the connection");
            StrayConnections = accepted.StrayConnections ?? 0;
            _serverSettings = accepted.ServerSocket;
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
        window.Opened += () => Send(new ServerEndMessage { Kind = ServerEndMessage.Open });
        window.Closing += () => Send(new ServerEndMessage { Kind = ServerEndMessage.Close });
        _standIn = end;
        return end;
    }

    /// <summary>
    /// The repetition's figures with the child's: its end's CPU, pid and placement, its window, and
    /// the rate of the end it ran over that window (a stream receiver's throughput, a reverse
    /// sender's sent throughput), as each end's figure is over its own window.
    /// </summary>
    public RepetitionResult Amend(RepetitionResult result, MeasureWindow window)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(window);
        string name = _standIn?.Name ?? string.Empty;
        var report = _result.Task.IsCompletedSuccessfully ? _result.Task.Result : null;
        var ends = result.Ends.Select(e => e.Name == name
            ? e with { CpuRequested = _serverCpu, CpusObserved = report?.CpusObserved ?? [], ProcessId = Pid }
            : e).ToArray();
        if (report is not { Kind: ServerEndMessage.Result, T0Ticks: long t0, T1Ticks: long t1 })
        {
            return result with { Ends = ends, ServerChild = new ServerChildResult(Pid, 0, 0, 0, 0, 0) };
        }

        long elapsedNs = Timestamps.ToNs(t1 - t0);
        var metrics = new SortedDictionary<string, double>(result.Metrics, StringComparer.Ordinal);
        var flows = result.Flows;
        double seconds = elapsedNs / 1e9;
        if (_standIn!.Direction == EndDirection.Receive && seconds > 0)
        {
            metrics[MetricIds.ThroughputBitsPerSecond] = metrics[MetricIds.Bytes] * 8 / seconds;
            flows = flows?.Select(f => f.Flow == _standIn.Flow ? f with { ThroughputBitsPerSecond = f.Bytes * 8 / seconds } : f).ToList();
        }
        else if (_standIn.Direction == EndDirection.Send && seconds > 0)
        {
            metrics[MetricIds.SentThroughputBitsPerSecond] = metrics[MetricIds.SentBytes] * 8 / seconds;
            metrics[MetricIds.MessagesPerSecond] = metrics[MetricIds.Messages] / seconds;
        }

        var child = new ServerChildResult(
            Pid, elapsedNs, Timestamps.ToNs(t0 - window.T0Ticks), Timestamps.ToNs(t1 - window.T1Ticks),
            report.ProcessUserUs ?? 0, report.ProcessSystemUs ?? 0);
        return result with { Ends = ends, Metrics = metrics, Flows = flows, ServerChild = child, Cpu = WithChild(result.Cpu, report, child, metrics) };
    }

    /// <summary>Ends the child: EOF on its stdin, then a kill by pid if it is still there.</summary>
    public void Dispose()
    {
        try
        {
            lock (_stdinGate)
            {
                _process.StandardInput.Close();
            }
        }
        catch (IOException)
        {
            // broken pipe: the child is already gone
        }

        try
        {
            if (!_process.WaitForExit(TimeSpan.FromSeconds(2)))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }
        catch (InvalidOperationException)
        {
            // already reaped
        }

        _reader.Join(TimeSpan.FromSeconds(2));
        _process.Dispose();
    }

    /// <summary>Per-thread CPU names the child's server thread; process CPU is the parent's and the child's together, as one process's covers both ends.</summary>
    private CpuResult? WithChild(CpuResult? cpu, ServerEndMessage report, ServerChildResult child, SortedDictionary<string, double> metrics)
    {
        if (cpu is null)
        {
            return null;
        }

        string name = _standIn!.Name;
        var threads = cpu.Threads.Where(t => !(t.IsWorker && t.Name == name)).ToList();
        if (report.ThreadCpuNs is long ns)
        {
            threads.Add(new ThreadCpuResult(report.ThreadId ?? 0, name, true, ns / 1000) { CpuNs = ns, ProcessId = Pid });
        }

        long user = cpu.ProcessUserUs + child.ProcessUserUs;
        long system = cpu.ProcessSystemUs + child.ProcessSystemUs;
        double kib = metrics.GetValueOrDefault(MetricIds.Bytes) / 1024.0;
        double transactions = metrics.GetValueOrDefault(MetricIds.Transactions);
        return cpu with
        {
            ProcessUserUs = user,
            ProcessSystemUs = system,
            Threads = threads,
            ServiceDemandUsPerKiB = kib > 0 ? (user + system) / kib : null,
            SystemServiceDemandUsPerKiB = kib > 0 ? cpu.SystemBusyUs / kib : null,
            ServiceDemandUsPerTransaction = cpu.ServiceDemandUsPerTransaction is not null && transactions > 0 ? (user + system) / transactions : null,
            Note = cpu.Note + string.Create(CultureInfo.InvariantCulture, $"; processes 2: process CPU sums this process and the server child (pid {Pid})"),
        };
    }

    private async Task TakeReportAsync(WorkloadEnd end)
    {
        var report = await _result.Task.ConfigureAwait(false);
        end.Counters.Bytes = report.Bytes ?? Volatile.Read(ref end.Counters.Bytes);
        end.Counters.Messages = report.Messages ?? Volatile.Read(ref end.Counters.Messages);
        end.Counters.Transactions = report.Transactions ?? Volatile.Read(ref end.Counters.Transactions);
        if (report.Calls is { } calls)
        {
            var c = _channel.Counters;
            (c.SendCalls, c.ReceiveCalls, c.ShortSends, c.ShortReceives, c.SyncCompletions, c.AsyncCompletions) =
                (calls.SendCalls, calls.ReceiveCalls, calls.ShortSends, calls.ShortReceives, calls.SyncCompletions, calls.AsyncCompletions);
            (c.SpinHits, c.SpinMisses) = (calls.SpinHits, calls.SpinMisses);
        }

        if (report.Failure is string failure)
        {
            end.Failure = report.Kind == ServerEndMessage.Failed ? failure : $"server child (pid {Pid}): {failure}";
        }
    }

    private void Send(ServerEndMessage message)
    {
        string line = JsonSerializer.Serialize(message, SandboxChildMessage.JsonOptions);
        lock (_stdinGate)
        {
            try
            {
                _process.StandardInput.WriteLine(line);
                _process.StandardInput.Flush();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                // the child is gone; the reader reports how it ended
            }
        }
    }

    /// <summary>The reader thread: dispatches the child's lines until its stdout ends, then reports how it ended.</summary>
    private void ReadMessages()
    {
        try
        {
            while (Safety.BoundedInput.ReadLine(_process.StandardOutput, Safety.BoundedInput.MaxLineChars, "server child output") is string line)
            {
                ServerEndMessage? message;
                try
                {
                    message = JsonSerializer.Deserialize<ServerEndMessage>(line, SandboxChildMessage.JsonOptions);
                }
                catch (JsonException)
                {
                    continue; // not ours (a runtime banner)
                }

                if (message is not null)
                {
                    Dispatch(message);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or Safety.InputTooLargeException or ObjectDisposedException)
        {
            // ends the pump: the pending waits learn it below
        }

        _process.WaitForExit(TimeSpan.FromSeconds(2));
        string code = _process.HasExited ? _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "unknown";
        string tail;
        lock (_stderrTail)
        {
            tail = _stderrTail.Count > 0 ? string.Join(" | ", _stderrTail) : "(empty)";
        }

        Fail($"server child (pid {Pid}) exited with code {code} before it reported; stderr tail: {tail}");
    }

    private void Dispatch(ServerEndMessage message)
    {
        switch (message.Kind)
        {
            case ServerEndMessage.Ready:
                _ready.TrySetResult(message);
                break;
            case ServerEndMessage.Accepted:
                _accepted.TrySetResult(message);
                break;
            case ServerEndMessage.Progress when _standIn is { } end && !_result.Task.IsCompleted:
                // interval lines only: the final counts come with the result
                Volatile.Write(ref end.Counters.Bytes, message.Bytes ?? 0);
                Volatile.Write(ref end.Counters.Messages, message.Messages ?? 0);
                Volatile.Write(ref end.Counters.Transactions, message.Transactions ?? 0);
                break;
            case ServerEndMessage.Result:
                _result.TrySetResult(message);
                break;
            case ServerEndMessage.Failed:
                Fail($"server child (pid {Pid}): {message.Failure ?? "failed without a reason"}");
                break;
        }
    }

    private void Fail(string reason)
    {
        var failed = new ServerEndMessage { Kind = ServerEndMessage.Failed, Failure = reason };
        _ready.TrySetResult(failed);
        _accepted.TrySetResult(failed);
        _result.TrySetResult(failed);
    }

    private ServerEndMessage Await(TaskCompletionSource<ServerEndMessage> signal, TimeSpan timeout, string what)
    {
        if (!signal.Task.Wait(timeout))
        {
            throw new TransportSetupException($"the server child (pid {Pid}) did not {what} within {timeout.TotalSeconds:0.#} s");
        }

        var message = signal.Task.Result;
        return message.Kind == ServerEndMessage.Failed ? throw new TransportSetupException(message.Failure ?? "the server child failed") : message;
    }

    private void KeepStderr(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stderrTail)
        {
            _stderrTail.Enqueue(line);
            while (_stderrTail.Count > StderrTailLines)
            {
                _stderrTail.Dequeue();
            }
        }
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
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

    private static TaskCompletionSource<ServerEndMessage> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// The stand-in end's channel: it moves nothing (the child's socket does), carries the child's
    /// engine counters, and aborting it kills the child, which ends the stand-in's wait.
    /// </summary>
    private sealed class RemoteChannel(ChildServerEnd owner) : IChannel
    {
        public EngineCounters Counters { get; } = new();

        public string? LastError => null;

        public ValueTask<int> SendAsync(ReadOnlyMemory<byte> data) => throw new NotSupportedException("the server end runs in the child");

        public ValueTask<int> ReceiveAsync(Memory<byte> buffer) => throw new NotSupportedException("the server end runs in the child");

        public void ShutdownSend()
        {
        }

        public void Abort() => owner.Kill();

        public void Dispose()
        {
        }
    }
}
