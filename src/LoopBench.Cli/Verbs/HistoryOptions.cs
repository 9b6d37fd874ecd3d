using CommandLine;
using CommandLine.Text;
using LoopBench.Core.History;

namespace LoopBench.Cli.Verbs;

/// <summary><c>loopbench history</c>: the SQLite store of past runs.</summary>
[Verb("history", HelpText = "Show a metric's trend per case key and host from the history, or 'history import RUN --label X' to record a run.")]
internal sealed class HistoryOptions
{
    /// <summary>Two working command lines, shown by --help before the options.</summary>
    [Usage(ApplicationAlias = "loopbench")]
    public static IEnumerable<Example> Examples =>
    [
        VerbExamples.Of<HistoryOptions>("The throughput trend of the tcp4 cases", o => { o.Case = "tcp4"; }),
        VerbExamples.Of<HistoryOptions>("The recorded runs", o => { o.Action = "runs"; }),
    ];

    /// <summary>"show" (default), "runs" or "import".</summary>
    [Value(0, MetaName = "ACTION", HelpText = "show (default): the trend; runs: the recorded runs; import RUN: record a run.json.")]
    public string? Action { get; set; }

    /// <summary>For import: the run.</summary>
    [Value(1, MetaName = "RUN", HelpText = "import only: a run.json or a results directory.")]
    public string? Run { get; set; }

    /// <summary>Label.</summary>
    [Option("label", HelpText = "import: the label to record (e.g. main, pr-42); show: only runs with this label.")]
    public string? Label { get; set; }

    /// <summary>Metric.</summary>
    [Option("metric", HelpText = "Metric id to show. Default: each case's primary metric (transactionsPerSecond for rr, crr and rr-under-load; throughputBitsPerSecond for stream, reverse and bidir).")]
    public string? Metric { get; set; }

    /// <summary>Case filter.</summary>
    [Option("case", HelpText = "Only case keys containing this text.")]
    public string? Case { get; set; }

    /// <summary>Host filter.</summary>
    [Option("host", HelpText = "Only this host.")]
    public string? Host { get; set; }

    /// <summary>Rows per case and host.</summary>
    [Option("last", HelpText = "Show the last N runs per case and host. Default: 10.")]
    public int Last { get; set; } = 10;

    /// <summary>History file.</summary>
    [Option("history", HelpText = "History: an SQLite file or a PostgreSQL connection string (docs/history.md). Default: $LOOPBENCH_HISTORY, else results/history.db.")]
    public string History { get; set; } = HistoryTarget.Default();
}
