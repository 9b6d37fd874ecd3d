namespace LoopBench.Core.Engines;

/// <summary>Creates the engine for an <see cref="EngineKind"/>.</summary>
internal static class EngineFactory
{
    /// <summary>
    /// The engine for <paramref name="kind"/>. The blocking engine's stream receivers spin
    /// <paramref name="receiveSpinTries"/> times before blocking and its TCP ones set SO_RCVLOWAT to
    /// <paramref name="receiveLowatBytes"/> (0: the kernel's 1 byte); with <paramref name="spin"/> its
    /// channels poll and never sleep (spin mode). The other engines take none of these.
    /// </summary>
    public static IEngine Create(EngineKind kind, int receiveSpinTries = 0, bool spin = false, int receiveLowatBytes = 0) => kind switch
    {
        EngineKind.Blocking => new BlockingEngine(receiveSpinTries, spin, receiveLowatBytes),
        EngineKind.Async => new AsyncEngine(EngineKind.Async),
        EngineKind.AsyncInline => new AsyncEngine(EngineKind.AsyncInline),
        EngineKind.Pipelines => new PipelinesEngine(inline: false),
        EngineKind.PipelinesInline => new PipelinesEngine(inline: true),
        EngineKind.NetworkStream => new NetworkStreamEngine(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown engine"),
    };

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
