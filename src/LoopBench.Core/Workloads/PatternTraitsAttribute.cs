using LoopBench.Core.Transports;

namespace LoopBench.Core.Workloads;

/// <summary>
/// What a pattern declares about itself on its <see cref="PatternKind"/> member, for the layers that
/// cannot see its unit in Running (validation, case resolution, results, the CLI's tables): they ask
/// <see cref="PatternKinds.Traits"/> instead of listing patterns.
/// </summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
public sealed class PatternTraitsAttribute : Attribute
{
    /// <summary>Times request/response transactions (primary metric trans/s, latency columns); false counts bytes. Defaults to false.</summary>
    public bool Transactional { get; init; }

    /// <summary>Each transaction is a new connection: rates read conns/s. Defaults to false.</summary>
    public bool CountsConnections { get; init; }

    /// <summary>Bulk byte flows only: -n byte limits, pacing on datagram transports, TCP Retr/Cwnd columns. Defaults to false.</summary>
    public bool Bulk { get; init; }

    /// <summary>Each flow has one sender (stream, reverse): its Cwnd stands for the flow. Defaults to false.</summary>
    public bool OneWay { get; init; }

    /// <summary>The transports the pattern runs on; empty: every transport. Defaults to empty.</summary>
    public TransportKind[] Transports { get; init; } = [];

    /// <summary>True when the pattern runs on <paramref name="transport"/>.</summary>
    public bool Supports(TransportKind transport) => Transports.Length == 0 || Array.IndexOf(Transports, transport) >= 0;
}
