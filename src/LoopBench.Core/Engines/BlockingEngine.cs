using System.Net.Sockets;
using LoopBench.Core.Interop;

namespace LoopBench.Core.Engines;

/// <summary>
/// One dedicated, named, background thread per end (never the thread pool, which blocking calls
/// would starve), pinned when the placement asks, released together by a start barrier.
/// </summary>
internal sealed class BlockingEngine : IEngine
{
    private readonly int _receiveSpinTries;
    private readonly bool _spin;

    /// <param name="receiveSpinTries">Non-blocking tries a stream receiver makes before it blocks (Case.ReceiveSpin).</param>
    /// <param name="spin">Spin mode (Case.Spin): every channel polls with MSG_DONTWAIT and never sleeps.</param>
    public BlockingEngine(int receiveSpinTries = 0, bool spin = false)
    {
        _receiveSpinTries = receiveSpinTries;
        _spin = spin;
    }

    public EngineKind Kind => EngineKind.Blocking;

    public IChannel Open(Socket socket) => _spin ? new SpinningChannel(socket) : new BlockingChannel(socket, _receiveSpinTries);

    public WorkerHandle Start(WorkerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var handle = new WorkerHandle(spec.Name, spec.Cpu);
        var thread = new Thread(() => Run(spec, handle)) { IsBackground = true, Name = spec.Name };
        thread.Start();
        return handle;
    }

    private static void Run(WorkerSpec spec, WorkerHandle handle)
    {
        Exception? setupError = null;
        try
        {
            handle.ThreadId = CpuAffinity.CurrentThreadId();
            if (spec.Cpu is int cpu)
            {
                CpuAffinity.PinCurrentThread(cpu);
            }
        }
        catch (InvalidOperationException ex)
        {
            setupError = ex;
        }

        try
        {
            // Always arrive, even after a setup error, so that nobody else waits out the timeout.
            if (!spec.StartBarrier.SignalAndWait(spec.BarrierTimeout))
            {
                throw new TimeoutException($"{spec.Name}: start barrier not reached within {spec.BarrierTimeout.TotalSeconds:0.#} s");
            }

            if (setupError is not null)
            {
                throw setupError;
            }

            ValueTask body = spec.Body();
            if (!body.IsCompleted)
            {
                // Only an engine that yields gets here; the blocking channel never does.
                body.AsTask().GetAwaiter().GetResult();
            }
            else
            {
                body.GetAwaiter().GetResult();
            }

            handle.Finish(null);
        }
        catch (Exception ex)
        {
            handle.Finish(ex);
        }
    }
}
