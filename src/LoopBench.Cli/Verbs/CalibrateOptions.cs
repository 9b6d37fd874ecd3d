using CommandLine;
using CommandLine.Text;

namespace LoopBench.Cli.Verbs;

/// <summary><c>loopbench calibrate</c>: LoopBench against iperf3, iperf2, sockperf and nuttcp, interleaved.</summary>
[Verb("calibrate", HelpText = "Run the same cases through LoopBench and the installed tools (iperf3, iperf, sockperf, nuttcp) in pairs, and print each figure's paired LoopBench/tool ratio with its 95% CI, its bound and its outcome (met, missed, inconclusive, reported). Exit code 3 when a row missed its bound, 1 when a row failed, else 0.")]
internal sealed class CalibrateOptions
{
    /// <summary>Two working command lines, shown by --help before the options.</summary>
    [Usage(ApplicationAlias = "loopbench")]
    public static IEnumerable<Example> Examples =>
    [
        VerbExamples.Of<CalibrateOptions>("List the rows and the tools they need", o => { o.List = true; }),
        VerbExamples.Of<CalibrateOptions>("Calibrate the sockperf rows with 6 pairs each", o => { o.Rows = "sockperf"; o.Pairs = 6; }),
    ];

    [Option("reps", Default = 10, HelpText = "Clean pairs per row (one LoopBench and one tool repetition each). 10 gives a 97.9% order-statistic CI; below 6 the CI is min..max.")]
    public int Pairs { get; set; }

    [Option("quiet-threshold", Default = 5.0, HelpText = "A pair whose CPU use outside LoopBench and the tool, or steal, is above this % of one CPU is disturbed and run again (up to --reps more attempts).")]
    public double QuietThresholdPercent { get; set; }

    [Option("steady-spread", Default = 10.0, HelpText = "A row whose reference (the tool) spread more than this % over its clean pairs ((upper - lower hinge) / median) marks the table not quotable: the host was not steady, whatever outside load and steal read.")]
    public double SteadySpreadPercent { get; set; }

    [Option('t', "time", Default = 2, HelpText = "Measured seconds per repetition (whole seconds: the tools take integers).")]
    public int TimeSeconds { get; set; }

    [Option("warmup", Default = 1, HelpText = "Warm-up seconds: LoopBench's warm-up and iperf3's -O.")]
    public int WarmupSeconds { get; set; }

    [Option("rows", HelpText = "Only rows whose id contains this text, or any of a comma list, e.g. 'sockperf' or 'tcp4-fwd-cubic,sockperf'; text that matches no row is an error.")]
    public string? Rows { get; set; }

    [Option("list", HelpText = "List the rows and exit.")]
    public bool List { get; set; }

    [Option("allow-host-sysctls", HelpText = "No longer needed and ignored: LoopBench's side sets TCP_CONGESTION per socket (the congestion case parameter); no host sysctl is changed.")]
    public bool AllowHostSysctls { get; set; }

    [Option("results", Default = "results", HelpText = "Directory that receives <run-id>/run.json.")]
    public string ResultsDirectory { get; set; } = "results";

    [Option("json", HelpText = "Print the run document (JSON) on stdout instead of the table.")]
    public bool Json { get; set; }
}
