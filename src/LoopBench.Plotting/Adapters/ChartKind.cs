using LoopBench.Core;

namespace LoopBench.Plotting.Adapters;

/// <summary>What <c>loopbench plot --chart</c> draws; the id is also the default file name of the chart.</summary>
internal enum ChartKind
{
    /// <summary>Median per case with its confidence interval, grouped by a categorical parameter.</summary>
    [Id("bar")]
    Bar = 1,

    /// <summary>Median against a numeric parameter, with its confidence band.</summary>
    [Id("sweep")]
    Sweep = 2,

    /// <summary>Latency by percentile on a log-nines axis.</summary>
    [Id("percentiles")]
    Percentiles = 3,

    /// <summary>Latency CDF.</summary>
    [Id("cdf")]
    Cdf = 4,

    /// <summary>Rate per interval over the window.</summary>
    [Id("timeseries")]
    Timeseries = 5,

    /// <summary>Every repetition, so the noise is visible.</summary>
    [Id("reps")]
    Reps = 6,
}
