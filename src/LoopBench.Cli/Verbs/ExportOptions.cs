using CommandLine;
using CommandLine.Text;
using LoopBench.Core.History;

namespace LoopBench.Cli.Verbs;

/// <summary><c>loopbench export RUN --format ...</c>: a run in a CI or monitoring format.</summary>
[Verb("export", HelpText = "Export a run as CSV, github-action-benchmark JSON, Bencher BMF or OpenMetrics text, or push it to a Prometheus Pushgateway.")]
internal sealed class ExportOptions
{
    /// <summary>Two working command lines, shown by --help before the options.</summary>
    [Usage(ApplicationAlias = "loopbench")]
    public static IEnumerable<Example> Examples =>
    [
        VerbExamples.Of<ExportOptions>("The last run labelled main as CSV on stdout", o => { o.Run = "last:main"; o.Format = "csv"; }),
        VerbExamples.Of<ExportOptions>("For Prometheus: a file for node_exporter's textfile collector, and a push to a Pushgateway", o => { o.Run = "last:main"; o.Format = "openmetrics"; o.Output = "loopbench.prom"; o.Push = "http://pushgateway:9091"; }),
    ];

    /// <summary>The run.</summary>
    [Value(0, MetaName = "RUN", Required = true, HelpText = "A run.json, a results directory, or last:<label>.")]
    public string Run { get; set; } = string.Empty;

    /// <summary>Format.</summary>
    [Option("format", HelpText = "csv, gab (github-action-benchmark), bencher or openmetrics. Required unless --push is given.")]
    public string? Format { get; set; }

    /// <summary>Pushgateway base URL.</summary>
    [Option("push", HelpText = "PUT the run to this Prometheus Pushgateway (e.g. http://pushgateway:9091) as group job=loopbench, host, scenario; replaces that group's previous run.")]
    public string? Push { get; set; }

    /// <summary>For gab: which direction's metrics.</summary>
    [Option("better", HelpText = "gab only: higher (customBiggerIsBetter: throughput, rates) or lower (customSmallerIsBetter: latency). Default: higher.")]
    public string Better { get; set; } = "higher";

    /// <summary>Output file.</summary>
    [Option('o', "output", HelpText = "Write to this file (atomically) instead of stdout; for the textfile collector use a *.prom path.")]
    public string? Output { get; set; }

    /// <summary>History file for last:&lt;label&gt;.</summary>
    [Option("history", HelpText = "History for last:<label>: an SQLite file or a PostgreSQL connection string (docs/history.md). Default: $LOOPBENCH_HISTORY, else results/history.db.")]
    public string History { get; set; } = HistoryTarget.Default();
}
