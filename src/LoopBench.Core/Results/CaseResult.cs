using LoopBench.Core.Measurement;
using LoopBench.Core.Scenarios;

namespace LoopBench.Core.Results;

/// <summary>One case: its resolved parameters, its outcome and every repetition measured.</summary>
/// <param name="Key">Canonical key, the pairing key across runs.</param>
/// <param name="Case">The fully resolved case.</param>
/// <param name="Outcome">"passed", "failed:&lt;id&gt;" or "skipped:&lt;id&gt;" (see <see cref="Outcomes"/>).</param>
/// <param name="Reason">Why it failed or was skipped, in words; null when passed.</param>
/// <param name="Repetitions">Measured repetitions, in the order they ran.</param>
public sealed record CaseResult(
    string Key,
    Case Case,
    string Outcome,
    string? Reason,
    IReadOnlyList<RepetitionResult> Repetitions)
{
    /// <summary>Per metric id: median, mean, spread and the median's confidence interval over passed repetitions. Null for quick runs.</summary>
    public SortedDictionary<string, MetricSummary>? Summaries { get; init; }

    /// <summary>The metric the noisy flag and <c>--until-ci</c> look at, e.g. "throughputBitsPerSecond".</summary>
    public string? PrimaryMetric { get; init; }

    /// <summary>True when the primary metric's CV is above <see cref="Statistics.NoisyCvPercent"/>.</summary>
    public bool Noisy { get; init; }

    /// <summary>True when too few repetitions (under 10, e.g. <c>--quick</c>) back a verdict at a strict error rate.</summary>
    public bool Indicative { get; init; }

    /// <summary>CPU noise while each repetition ran (steal, CPU used outside LoopBench), by repetition index.</summary>
    public IReadOnlyList<RepetitionNoise>? Noise { get; init; }

    /// <summary>Things a reader should know, e.g. that --max-reps was reached before the CI was narrow enough.</summary>
    public IReadOnlyList<string>? Warnings { get; init; }
}

/// <summary>The CPU noise of one repetition.</summary>
/// <param name="Index">The repetition's index.</param>
/// <param name="Cpu">Steal and CPU use outside LoopBench, % of the host's CPU capacity.</param>
public sealed record RepetitionNoise(int Index, CpuNoise Cpu);

/// <summary>Stable outcome ids: 1xx setup, 2xx run, 3xx teardown in spirit, as lowercase ids.</summary>
public static class Outcomes
{
    /// <summary>Measured normally.</summary>
    public const string Passed = "passed";

    /// <summary>The sockets or threads could not be set up.</summary>
    public const string FailedSetup = "failed:setup";

    /// <summary>A worker failed mid-run (reset, peer gone).</summary>
    public const string FailedWorker = "failed:worker";

    /// <summary>A worker did not stop within the drain deadline.</summary>
    public const string FailedTimeout = "failed:timeout";

    /// <summary>Stopped by Ctrl-C or SIGTERM; what was measured is kept.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>Not run yet: the run is still going.</summary>
    public const string Pending = "pending";

    /// <summary>A repetition ran past the per-case timeout.</summary>
    public const string FailedCaseTimeout = "failed:case-timeout";

    /// <summary>The transport is not offered by this host (IPv6 disabled on lo, for example).</summary>
    public const string SkippedTransport = "skipped:transport";

    /// <summary>The placement needs CPUs this host does not allow.</summary>
    public const string SkippedPlacement = "skipped:placement";

    /// <summary>The engine cannot pin threads (continuations on the pool), and the placement pins.</summary>
    public const string SkippedEnginePlacement = "skipped:engine-placement";

    /// <summary>The namespace cannot be made here (no CAP_NET_ADMIN), or the kernel lacks what the case needs (a qdisc, a CC, IPv6 at this MTU).</summary>
    public const string SkippedSandbox = "skipped:sandbox";

    /// <summary>A sandbox setting was refused or did not read back as asked, or a host sysctl could not be changed.</summary>
    public const string FailedSandbox = "failed:sandbox";

    /// <summary>The sandbox child crashed, hung or wrote no result; the reason carries the tail of its stderr.</summary>
    public const string FailedChild = "failed:child";
}
