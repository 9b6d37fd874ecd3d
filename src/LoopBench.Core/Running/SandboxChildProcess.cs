using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LoopBench.Core.Engines;
using LoopBench.Core.Interop;
using LoopBench.Core.Results;
using LoopBench.Core.Sandbox;

namespace LoopBench.Core.Running;

/// <summary>
/// The parent's end of one sandbox child: starts it, hands it the request, reads its JSON lines
/// until the result, interrupts or kills it when it overruns, keeps the tail of its stderr, and
/// reaps it. What the result means for the case is <see cref="SandboxedRunner"/>'s business.
/// </summary>
internal sealed class SandboxChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StderrTail _stderrTail = new();

    private SandboxChildProcess(Process process) => _process = process;

    /// <summary>The child's pid.</summary>
    public int Pid => _process.Id;

    /// <summary>How the child ended, for a failure message: its exit code, or the signal that ended it.</summary>
    public string ExitCode =>
        _process.HasExited ? (_process.ExitCode > 128 ? $"{_process.ExitCode} (signal {_process.ExitCode - 128})" : _process.ExitCode.ToString(CultureInfo.InvariantCulture)) : "unknown";

    /// <summary>The last lines of the child's stderr, joined, or "(empty)".</summary>
    public string StderrTail => _stderrTail.ToString();

    /// <summary>Starts <paramref name="command"/> for a case run with <paramref name="engine"/>.</summary>
    public static SandboxChildProcess Start(SandboxChildCommand command, EngineKind engine)
    {
        var start = command.StartInfo();

        if (InlineCompletions.Needs(engine))
        {
            start.Environment[InlineCompletions.Variable] = "1";
        }

        var child = new SandboxChildProcess(new Process { StartInfo = start });
        child._process.ErrorDataReceived += (_, e) => child._stderrTail.Keep(e.Data);
        child._process.Start();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Writes the request line; stdin stays open, as its EOF tells the child the parent is gone.</summary>
    public void Send(SandboxChildRequest request)
    {
        try
        {
            _process.StandardInput.WriteLine(JsonSerializer.Serialize(request, SandboxChildMessage.JsonOptions));
            _process.StandardInput.Flush();
        }
        catch (IOException)
        {
            // the child died before reading its request; its exit code and stderr tell why
        }
    }

    /// <summary>
    /// Reads the child's messages until its result, passing ready and interval messages on (on a
    /// reader thread). Cancellation sends SIGINT; a child past <paramref name="limit"/>, or past
    /// <paramref name="interruptGrace"/> after SIGINT, is killed and <c>KilledFor</c> says why.
    /// Returns with the child exited (or killed) and its stderr drained.
    /// </summary>
    public (CaseResult? Result, SandboxReport? Report, string? KilledFor) Await(
        TimeSpan limit, TimeSpan interruptGrace, CancellationToken cancellation, Action<SandboxChildMessage> onReady, Action<SandboxChildMessage> onInterval)
    {
        var pump = Task.Factory.StartNew(() => Pump(onReady, onInterval), TaskCreationOptions.LongRunning);
        var deadline = Stopwatch.StartNew();
        TimeSpan? interruptedAt = null;
        string? killedFor = null;
        while (!pump.Wait(TimeSpan.FromMilliseconds(100)))
        {
            if (cancellation.IsCancellationRequested && interruptedAt is null)
            {
                ProcessSignals.Send(_process.Id, ProcessSignals.SigInt); // the child abandons the case and reports
                interruptedAt = deadline.Elapsed;
            }

            if (deadline.Elapsed > limit || (interruptedAt is TimeSpan at && deadline.Elapsed - at > interruptGrace))
            {
                killedFor = interruptedAt is null ? $"did not finish within {limit.TotalSeconds:0} s" : $"did not stop within {interruptGrace.TotalSeconds:0} s of SIGINT";
                _process.Kill(entireProcessTree: true);
                break;
            }
        }

        CloseQuietly(_process.StandardInput);
        if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(5));
        }

        DrainStderr();
        var (result, report) = pump.IsCompletedSuccessfully ? pump.Result : (null, null);
        return (result, report, killedFor);
    }

    /// <summary>Kills the child if it is still there, and releases the process.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }
        catch (InvalidOperationException)
        {
            // never started or already reaped
        }

        _process.Dispose();
    }

    private (CaseResult? Result, SandboxReport? Report) Pump(Action<SandboxChildMessage> onReady, Action<SandboxChildMessage> onInterval)
    {
        while (ReadChildLine() is string line)
        {
            SandboxChildMessage? message;
            try
            {
                message = JsonSerializer.Deserialize<SandboxChildMessage>(line, SandboxChildMessage.JsonOptions);
            }
            catch (JsonException)
            {
                continue; // not ours (a runtime banner); the result line decides
            }

            switch (message?.Kind)
            {
                case SandboxChildMessage.Ready:
                    onReady(message);
                    break;
                case SandboxChildMessage.Interval when message.Sample is not null:
                    onInterval(message);
                    break;
                case SandboxChildMessage.Result when message.CaseResult is not null:
                    return (message.CaseResult, message.Sandbox);
            }
        }

        return (null, null);
    }

    /// <summary>The child's next line; one over the size limit ends the pump (the case fails without a result).</summary>
    private string? ReadChildLine()
    {
        try
        {
            return Safety.BoundedInput.ReadLine(_process.StandardOutput, Safety.BoundedInput.MaxLineChars, "sandbox child output");
        }
        catch (Safety.InputTooLargeException)
        {
            return null;
        }
    }

    /// <summary>
    /// WaitForExit with a timeout does not wait for the asynchronous stderr reader; the tail of a
    /// crashed child's stderr could be missed. Waits (bounded) until the reader has seen end of stream.
    /// </summary>
    private void DrainStderr()
    {
        if (!_process.HasExited)
        {
            return;
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            _process.WaitForExitAsync(deadline.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // a grandchild still holds the pipe; report what arrived
        }
    }

    private static void CloseQuietly(StreamWriter stdin)
    {
        try
        {
            stdin.Close();
        }
        catch (IOException)
        {
            // broken pipe: the child is already gone
        }
    }
}
