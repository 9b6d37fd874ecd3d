using CommandLine;
using CommandLine.Text;
using LoopBench.Core.History;

namespace LoopBench.Cli.Verbs;

/// <summary><c>loopbench plot RUN</c>: one chart of a recorded run, PNG or SVG.</summary>
[Verb("plot", HelpText = "Draw one chart of a run (PNG or SVG): bar, sweep, percentiles, cdf, timeseries or reps. Defaults come from the matrix.")]
internal sealed class PlotOptions
{
    /// <summary>Two working command lines, shown by --help before the options.</summary>
    [Usage(ApplicationAlias = "loopbench")]
    public static IEnumerable<Example> Examples =>
    [
        VerbExamples.Of<PlotOptions>("Chart the last run labelled main", o => { o.Run = "last:main"; }),
        VerbExamples.Of<PlotOptions>("Its latency CDF as SVG", o => { o.Run = "last:main"; o.Chart = "cdf"; o.Out = "cdf.svg"; }),
    ];

    /// <summary>The run: run.json, results directory or last:&lt;label&gt;.</summary>
    [Value(0, MetaName = "RUN", Required = true, HelpText = "A run.json, a results directory, or last:<label> from the history.")]
    public string Run { get; set; } = string.Empty;

    /// <summary>Chart kind. Defaults to sweep when a numeric parameter varies, else bar.</summary>
    [Option("chart", HelpText = "bar, sweep, percentiles, cdf, timeseries or reps. Default: sweep when a numeric parameter (length, parallel, MTU…) varies, else bar.")]
    public string? Chart { get; set; }

    /// <summary>Metric id. Defaults to the cases' primary metric.</summary>
    [Option("metric", HelpText = "Metric id, e.g. throughputBitsPerSecond, transactionsPerSecond, rttP99Ns. Default: the cases' primary metric.")]
    public string? Metric { get; set; }

    /// <summary>X parameter (sweep) or groups (bar).</summary>
    [Option('x', "x-axis", HelpText = "Parameter on the x axis (sweep) or the groups (bar), e.g. len, P, transport (also --x). Default: the first numeric varying one (sweep), the one with the most values (bar).")]
    public string? X { get; set; }

    /// <summary>Series parameter.</summary>
    [Option("series", HelpText = "Parameter for the lines (sweep) or colours (bar). Default: the other varying parameters (sweep), the one with the fewest values (bar).")]
    public string? Series { get; set; }

    /// <summary>Case key fragments.</summary>
    [Option("case", HelpText = "Only cases whose key contains every comma-separated fragment, e.g. 'tcp4,len=512'.")]
    public string? Case { get; set; }

    /// <summary>Output file; the extension picks the format.</summary>
    [Option("out", HelpText = "Output file, .png or .svg. Default: <chart>.png (<chart>-<metric>.png with --metric) in the run's directory, for last:<label> too (the directory the history recorded).")]
    public string? Out { get; set; }

    /// <summary>History file for last:&lt;label&gt;.</summary>
    [Option("history", HelpText = "History for last:<label>: an SQLite file or a PostgreSQL connection string (docs/history.md). Default: $LOOPBENCH_HISTORY, else results/history.db.")]
    public string History { get; set; } = HistoryTarget.Default();

    /// <summary>
    /// CommandLineParser refuses one-letter long names, yet <c>--x</c> is the natural spelling: it is
    /// rewritten to <c>--x-axis</c> for the plot verb before parsing.
    /// </summary>
    public static string[] Normalize(string[] args) =>
        args.Length > 0 && args[0] == "plot"
            ? [.. args.Select(a => a == "--x" ? "--x-axis" : a.StartsWith("--x=", StringComparison.Ordinal) ? "--x-axis=" + a[4..] : a)]
            : args;
}
