using CommandLine;
using CommandLine.Text;

namespace LoopBench.Cli.Verbs;

/// <summary><c>loopbench run FILE.yaml</c>: a scenario's matrix × repetitions into results/&lt;run-id&gt;/.</summary>
[Verb("run", isDefault: false, HelpText = "Run a scenario file: every case of its matrix, repeated, interleaved, into results/<run-id>/.")]
internal sealed class RunOptions
{
    /// <summary>Two working command lines, shown by --help before the options.</summary>
    [Usage(ApplicationAlias = "loopbench")]
    public static IEnumerable<Example> Examples =>
    [
        VerbExamples.Of<RunOptions>("Run a scenario, tagged for compare and history", o => { o.File = "scenarios/quick.yaml"; o.Label = "main"; }),
        VerbExamples.Of<RunOptions>("List a scenario's cases and the estimated time, measuring nothing", o => { o.File = "scenarios/message-sizes.yaml"; o.DryRun = true; }),
    ];

    /// <summary>Cases a matrix may expand to without --yes.</summary>
    public const int MaxCasesWithoutYes = 100;

    /// <summary>--max-reps when --until-ci is given without it.</summary>
    public const int DefaultMaxRepetitions = 30;

    [Value(0, MetaName = "FILE", HelpText = "Scenario file (YAML); see scenarios/ and docs/scenario.schema.json. Not needed with --resume.")]
    public string? File { get; set; }

    [Option("dry-run", HelpText = "List the expanded cases and the estimated time; measure nothing.")]
    public bool DryRun { get; set; }

    [Option("filter", HelpText = "Run only cases whose key, as the file gives it (before --set), contains every comma-separated fragment, e.g. 'tcp4,rr'.")]
    public string? Filter { get; set; }

    [Option("set", HelpText = "Override parameters for every case: --set time=2s length=64K (an axis collapses to the value).")]
    public IEnumerable<string> Sets { get; set; } = [];

    [Option("label", HelpText = "Tag the run, e.g. main or a branch name, for compare and history.")]
    public string? Label { get; set; }

    [Option("reps", HelpText = "Repetitions per case. Default: the file's 'repetitions', else 10 (5 with --quick).")]
    public int? Repetitions { get; set; }

    [Option("quick", HelpText = "5 repetitions; results are marked indicative (too few for a verdict).")]
    public bool Quick { get; set; }

    [Option("until-ci", HelpText = "LEVEL,WIDTH: repeat until the LEVEL % CI of the median is narrower than WIDTH % of it, e.g. 95,2.")]
    public string? UntilCi { get; set; }

    [Option("max-reps", HelpText = "Cap for --until-ci; a warning says when it is reached first. Default: 30.")]
    public int? MaxRepetitions { get; set; }

    [Option("timeout", HelpText = "Per-repetition timeout, e.g. 30s. Default: the file's 'timeout', else 2 x (warm-up + window) + 30 s.")]
    public string? Timeout { get; set; }

    [Option("seed", HelpText = "Seed of the shuffled order. Default: random, recorded in run.json.")]
    public int? Seed { get; set; }

    [Option("out", HelpText = "Results root. Default: results.")]
    public string Out { get; set; } = "results";

    [Option("resume", HelpText = "RUN-ID: complete an interrupted run under --out, replaying its seed and order.")]
    public string? Resume { get; set; }

    [Option("no-report", HelpText = "Do not write report.html into the run's results directory at the end.")]
    public bool NoReport { get; set; }

    [Option("allow-host-sysctls", HelpText = "Risky: let cases change host-wide sysctls (journaled under /run/loopbench, restored at the end, on Ctrl-C, or by `loopbench restore`). Default: off.")]
    public bool AllowHostSysctls { get; set; }

    [Option("sandbox", HelpText = "netns: run every case in a fresh network namespace of its own (same as --set sandbox=netns). Default: netns only when the matrix needs it.")]
    public string? Sandbox { get; set; }

    [Option("quiet-host", HelpText = "Before each repetition wait (400 ms windows, up to 30 s) until the CPU used outside LoopBench is under --quiet-threshold, and record the outside load measured during the repetition (quietHost in run.json). Default: off.")]
    public bool QuietHost { get; set; }

    [Option("quiet-threshold", Default = 5.0, HelpText = "With --quiet-host: the most CPU used outside LoopBench, or steal, a quiet host shows, % of one CPU.")]
    public double QuietThresholdPercent { get; set; }

    [Option("yes", HelpText = "Run a matrix of more than 100 cases.")]
    public bool Yes { get; set; }
}
