using CommandLine;
using CommandLine.Text;
using LoopBench.Core.History;

namespace LoopBench.Cli.Verbs;

/// <summary><c>loopbench report RUN</c>: one self-contained report.html.</summary>
[Verb("report", HelpText = "Write one self-contained report.html of a run (embedded charts, no external links); with --compare, the verdicts against a baseline.")]
internal sealed class ReportOptions
{
    /// <summary>Two working command lines, shown by --help before the options.</summary>
    [Usage(ApplicationAlias = "loopbench")]
    public static IEnumerable<Example> Examples =>
    [
        VerbExamples.Of<ReportOptions>("Write report.html of the last run labelled main", o => { o.Run = "last:main"; }),
        VerbExamples.Of<ReportOptions>("Report a candidate with compare's verdicts against main", o => { o.Run = "last:pr"; o.Compare = "last:main"; }),
    ];

    /// <summary>The run: run.json, results directory or last:&lt;label&gt;.</summary>
    [Value(0, MetaName = "RUN", Required = true, HelpText = "A run.json, a results directory, or last:<label> from the history.")]
    public string Run { get; set; } = string.Empty;

    /// <summary>Baseline to compare against.</summary>
    [Option("compare", HelpText = "Baseline run (run.json, results directory or last:<label>): add compare's verdicts and the ratio chart.")]
    public string? Compare { get; set; }

    /// <summary>Output file.</summary>
    [Option("out", HelpText = "Output file, written atomically. Default: report.html in the run's directory.")]
    public string? Out { get; set; }

    /// <summary>Compare across identity differences.</summary>
    [Option("allow-env-diff", HelpText = "With --compare: compare even when CPU model, core count, virtualization or schema differ.")]
    public bool AllowEnvironmentDiff { get; set; }

    /// <summary>History file for last:&lt;label&gt;.</summary>
    [Option("history", HelpText = "History for last:<label>: an SQLite file or a PostgreSQL connection string (docs/history.md). Default: $LOOPBENCH_HISTORY, else results/history.db.")]
    public string History { get; set; } = HistoryTarget.Default();
}
