using System.Net.Sockets;

namespace LoopBench.Core.Engines;

/// <summary>
/// How bytes move: wraps sockets as <see cref="IChannel"/>s and runs each end of a workload.
/// A workload is written once against this seam; engines differ in threads and I/O calls only.
/// </summary>
internal interface IEngine
{
    /// <summary>The engine's id.</summary>
    EngineKind Kind { get; }

    /// <summary>Wraps a connected socket; the channel owns it from now on.</summary>
    IChannel Open(Socket socket);

    /// <summary>Starts one end. It passes <see cref="WorkerSpec.StartBarrier"/> before running its body.</summary>
    WorkerHandle Start(WorkerSpec spec);

    /// <summary>
    /// True when the engine runs each end on its own thread and can pin it (<see cref="WorkerSpec.Cpu"/>).
    /// Engines whose continuations run on pool threads return false, and a pinned placement is then
    /// a skipped case (<see cref="EngineFactory.PlacementSkipReason"/>), never silently ignored.
    /// </summary>
    bool CanPinThreads => true;
}
