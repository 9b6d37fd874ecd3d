using LoopBench.Core;

namespace LoopBench.Cli.Commands;

/// <summary>What <c>export --format</c> writes a run as.</summary>
internal enum ExportFormat
{
    /// <summary>One row per case, repetition and metric.</summary>
    [Id("csv")]
    Csv,

    /// <summary>github-action-benchmark's JSON.</summary>
    [Id("gab")]
    Gab,

    /// <summary>Bencher Metric Format.</summary>
    [Id("bencher")]
    Bencher,

    /// <summary>OpenMetrics text.</summary>
    [Id("openmetrics")]
    OpenMetrics,
}
