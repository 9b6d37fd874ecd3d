using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running.Patterns;

/// <summary>
/// One traffic pattern as a unit: what it counts, which end sends its data, and its primary metric.
/// The runner asks the pattern instead of switching on <see cref="PatternKind"/>.
/// </summary>
internal interface ITrafficPattern
{
    /// <summary>The pattern this unit implements.</summary>
    PatternKind Kind { get; }

    /// <summary>True when the pattern counts transactions (request/response); false when it counts bytes one way.</summary>
    bool RequestResponse { get; }

    /// <summary>
    /// The metric id (<see cref="Results.MetricIds"/>) that the noisy flag, --until-ci and the summary
    /// table look at; its unit and better direction are in <see cref="Results.MetricCatalog"/>.
    /// </summary>
    string PrimaryMetric { get; }

    /// <summary>The end that sends a one-way pattern's data (its TCP_INFO has the RTT and Cwnd); null for two-way patterns.</summary>
    EndRole? DataSender { get; }
}
