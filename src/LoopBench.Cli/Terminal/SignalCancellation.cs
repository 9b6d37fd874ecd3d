using System.Runtime.InteropServices;

namespace LoopBench.Cli.Terminal;

/// <summary>Turns Ctrl-C (SIGINT) and SIGTERM into a cancellation, so runs stop cleanly and keep what they measured.</summary>
internal sealed class SignalCancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public SignalCancellation()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
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
