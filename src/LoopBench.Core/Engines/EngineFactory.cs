namespace LoopBench.Core.Engines;

/// <summary>Creates the engine for an <see cref="EngineKind"/>.</summary>
internal static class EngineFactory
{
    /// <summary>
    /// The engine for <paramref name="kind"/>. Its one-way TCP receivers set SO_RCVLOWAT to
    /// <paramref name="receiveLowatBytes"/> (0: the kernel's 1 byte), on every engine. The blocking
    /// engine's stream receivers also spin <paramref name="receiveSpinTries"/> times before blocking,
    /// and with <paramref name="spin"/> its channels poll and never sleep (spin mode).
    /// </summary>
    public static IEngine Create(EngineKind kind, int receiveSpinTries = 0, bool spin = false, int receiveLowatBytes = 0)
    {
        IEngine engine = kind switch
        {
            EngineKind.Blocking => new BlockingEngine(receiveSpinTries, spin),
            EngineKind.Async => new AsyncEngine(EngineKind.Async),
            EngineKind.AsyncInline => new AsyncEngine(EngineKind.AsyncInline),
            EngineKind.Pipelines => new PipelinesEngine(inline: false),
            EngineKind.PipelinesInline => new PipelinesEngine(inline: true),
            EngineKind.NetworkStream => new NetworkStreamEngine(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown engine"),
        };
        return receiveLowatBytes > 0 ? new ReceiveLowatEngine(engine, receiveLowatBytes) : engine;
    }

    /// <summary>
    /// Why <paramref name="kind"/> cannot honour <paramref name="placement"/>, or null when it can.
    /// The runner skips such a case with this reason instead of silently running it unpinned.
    /// </summary>
    public static string? PlacementSkipReason(EngineKind kind, PlacementKind placement)
    {
        if (placement == PlacementKind.Unpinned || Create(kind).CanPinThreads)
        {
            return null;
        }

        return $"engine {kind.ToId()} runs its continuations on pool threads and cannot pin them; placement {placement.ToId()} needs the blocking engine";
    }
}
