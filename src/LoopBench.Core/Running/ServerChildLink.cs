using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LoopBench.Core.Sandbox;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Running;

/// <summary>
/// processes: 2, the parent's pipe to its server child: starts the child, writes
/// <see cref="ServerEndMessage"/> lines to its stdin, reads its stdout on a thread of its own into
/// one signal per reply, keeps the tail of its stderr for the failure message, and ends or kills it.
/// It knows the protocol's message kinds, not what a case does with them (<see cref="ChildServerEnd"/>).
/// </summary>
internal sealed class ServerChildLink : IDisposable
{
    private readonly Process _process;
    private readonly StderrTail _stderrTail = new();
    private readonly Lock _stdinGate = new();
    private readonly TaskCompletionSource<ServerEndMessage> _ready = NewSignal();
    private readonly TaskCompletionSource<ServerEndMessage> _accepted = NewSignal();
    private readonly TaskCompletionSource<ServerEndMessage> _result = NewSignal();
    private readonly Action<ServerEndMessage> _onProgress;
    private readonly Thread _reader;

    private ServerChildLink(Process process, Action<ServerEndMessage> onProgress)
    {
        _process = process;
        _onProgress = onProgress;
        _reader = new Thread(ReadMessages) { IsBackground = true, Name = "lb-child-reader" };
        _reader.Start();
    }

    /// <summary>The child's pid.</summary>
    public int Pid => _process.Id;

    /// <summary>The child's listening address, or its failure.</summary>
    public Task<ServerEndMessage> Ready => _ready.Task;

    /// <summary>The child's accept, or its failure.</summary>
    public Task<ServerEndMessage> Accepted => _accepted.Task;

    /// <summary>The child's final report, or its failure.</summary>
    public Task<ServerEndMessage> Result => _result.Task;

    /// <summary>
    /// Starts the server child from <paramref name="command"/>; its progress reports, until the
    /// result, go to <paramref name="onProgress"/> on the reader thread.
    /// </summary>
    public static ServerChildLink Start(SandboxChildCommand command, Action<ServerEndMessage> onProgress)
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

        var link = new ServerChildLink(process, onProgress);
        process.ErrorDataReceived += (_, e) => link._stderrTail.Keep(e.Data);
        process.BeginErrorReadLine();
        return link;
    }

    /// <summary>Writes <paramref name="message"/> to the child's stdin; a child already gone is left to the reader to report.</summary>
    public void Send(ServerEndMessage message)
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

    /// <summary>The reply <paramref name="signal"/> carries within <paramref name="timeout"/>; a timeout or the child's failure throws <see cref="TransportSetupException"/>.</summary>
    public ServerEndMessage Await(Task<ServerEndMessage> signal, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (!signal.Wait(timeout))
        {
            throw new TransportSetupException($"the server child (pid {Pid}) did not {what} within {timeout.TotalSeconds:0.#} s");
        }

        var message = signal.Result;
        return message.Kind == ServerEndMessage.Failed ? throw new TransportSetupException(message.Failure ?? "the server child failed") : message;
    }

    /// <summary>Kills the child at once; its stdout ends and every pending signal fails.</summary>
    public void Kill()
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
        Fail($"server child (pid {Pid}) exited with code {code} before it reported; stderr tail: {_stderrTail}");
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
            case ServerEndMessage.Progress when !_result.Task.IsCompleted:
                _onProgress(message);
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

    private static TaskCompletionSource<ServerEndMessage> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
