using System.Runtime.InteropServices;

namespace LoopBench.Cli.Terminal;

/// <summary>
/// Turns Ctrl-C (SIGINT), SIGTERM and SIGHUP (the terminal or ssh session went away) into a
/// cancellation, so runs stop cleanly, keep what they measured, restore host sysctls and stop the tools they started.
/// </summary>
internal sealed class SignalCancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private readonly PosixSignalRegistration _hangup;

    public SignalCancellation()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        // Under nohup SIGHUP arrives ignored and stays so (.NET keeps an inherited ignore): the run
        // is meant to outlive the terminal (SignalFaultTests.SighupUnderNohup_IsIgnored_AndTheRunCompletes).
        _hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _hangup.Dispose();
        _source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // The first signal stops the run cleanly (the window closes, results are written); a second
        // one is not cancelled, so the default action ends a run that does not stop.
        context.Cancel = !_source.IsCancellationRequested;
        _source.Cancel();
    }
}
