using CommandLine;
using CommandLine.Text;
using LoopBench.Core.History;

namespace LoopBench.Cli.Verbs;

/// <summary><c>loopbench compare BASELINE CANDIDATE</c>: verdict per case and metric.</summary>
[Verb("compare", HelpText = "Compare two runs, or the values of one parameter inside a run (--axis): a verdict per case and metric. Exit 0 ok, 3 regression or a failed case, 4 incomplete candidate (or inconclusive with --fail-on-inconclusive), 2 bad input.")]
internal sealed class CompareOptions
{
    /// <summary>Two working command lines, shown by --help before the options.</summary>
    [Usage(ApplicationAlias = "loopbench")]
    public static IEnumerable<Example> Examples =>
    [
        VerbExamples.Of<CompareOptions>("Verdicts of a candidate against a baseline", o => { o.Baseline = "last:main"; o.Candidate = "last:pr"; }),
        VerbExamples.Of<CompareOptions>("A/B inside one run: every other congestion value against cubic", o => { o.Baseline = "last:cc"; o.Axis = "congestion=cubic"; }),
    ];

    /// <summary>Baseline: run.json, results directory or last:&lt;label&gt;.</summary>
    [Value(0, MetaName = "BASELINE", Required = true, HelpText = "Baseline: a run.json, a results directory, or last:<label> from the history.")]
    public string Baseline { get; set; } = string.Empty;

    /// <summary>Candidate, same forms.</summary>
    [Value(1, MetaName = "CANDIDATE", Required = false, HelpText = "Candidate: a run.json, a results directory, or last:<label>. None with --axis.")]
    public string? Candidate { get; set; }

    /// <summary>A/B inside the one run given: PARAM or PARAM=BASELINE-VALUE.</summary>
    [Option("axis", HelpText = "A/B inside one run: compare RUN --axis congestion[=cubic] judges every other value of the parameter against the baseline value (default: the first in the run), cases paired on everything else.")]
    public string? Axis { get; set; }

    /// <summary>Output form. Defaults to table.</summary>
    [Option("format", HelpText = "table, markdown, json or junit. Default: table.")]
    public string Format { get; set; } = "table";

    /// <summary>File for the report instead of stdout.</summary>
    [Option('o', "output", HelpText = "Write the report to this file (atomically) instead of stdout.")]
    public string? Output { get; set; }

    /// <summary>Threshold overrides.</summary>
    [Option("threshold", Separator = ',', HelpText = "Smallest change that counts: METRIC=SPEC or SPEC for every metric; SPEC like 5% or 5%|2us. Default: 5% throughput, 10% tail latency, 500 ns latency floor.")]
    public IEnumerable<string> Thresholds { get; set; } = [];

    /// <summary>Error rate.</summary>
    [System.ComponentModel.DataAnnotations.Range(0.0, 1.0, MinimumIsExclusive = true, MaximumIsExclusive = true)]
    [Option("alpha", HelpText = "Error rate per test (default 0.001), or family-wise with --holm (default 0.05).")]
    public double? Alpha { get; set; }

    /// <summary>Holm correction.</summary>
    [Option("holm", HelpText = "Control the family-wise error rate over the whole report with Holm's step-down correction.")]
    public bool Holm { get; set; }

    /// <summary>Compare across identity differences.</summary>
    [Option("allow-env-diff", HelpText = "Compare even when CPU model, core count, virtualization or schema differ.")]
    public bool AllowEnvironmentDiff { get; set; }

    /// <summary>Expected subject differences.</summary>
    [Option("expect-diff", Separator = ',', HelpText = "Silence the warning for differences made on purpose: kernel, sysctls, lo, runtime, version, cpus, memory, or a field name.")]
    public IEnumerable<string> ExpectDiff { get; set; } = [];

    /// <summary>Parameters left out of the pairing key.</summary>
    [Option("ignore", Separator = ',', HelpText = "Pair cases whose keys are equal once these parameters are removed, e.g. --ignore congestion or --ignore mtu,sysctl:net.ipv4.tcp_rmem; each pair names what differs.")]
    public IEnumerable<string> Ignore { get; set; } = [];

    /// <summary>Accept a candidate that lacks cases or repetitions of the baseline.</summary>
    [Option("allow-incomplete", HelpText = "Exit 0 even when the candidate lacks cases or repetitions that the baseline has (by default that is exit 4: an interrupted or partial run is not a pass).")]
    public bool AllowIncomplete { get; set; }

    /// <summary>Exit 4 on inconclusive.</summary>
    [Option("fail-on-inconclusive", HelpText = "Exit 4 when nothing regressed but some verdict is inconclusive.")]
    public bool FailOnInconclusive { get; set; }

    /// <summary>History file for last:&lt;label&gt;.</summary>
    [Option("history", HelpText = "History for last:<label>: an SQLite file or a PostgreSQL connection string (docs/history.md). Default: $LOOPBENCH_HISTORY, else results/history.db.")]
    public string History { get; set; } = HistoryTarget.Default();
}
