namespace LoopBench.Core.Results;

/// <summary>
/// How a case or one repetition ended: passed, interrupted, pending, or <c>failed:&lt;id&gt;</c> /
/// <c>skipped:&lt;id&gt;</c>. Values come in families (PSU's PipeShutdownKind): 1–9 the run itself,
/// 1xx setup, 2xx the measured run, 3xx teardown. No member is 0, so a document that lacks its outcome
/// is reported as incomplete instead of read as one.
/// </summary>
internal enum CaseOutcome
{
    /// <summary>Measured normally.</summary>
    [Id("passed")]
    Passed = 1,

    /// <summary>Stopped by Ctrl-C or SIGTERM; what was measured is kept.</summary>
    [Id("interrupted")]
    Interrupted = 2,

    /// <summary>Not run yet: the run is still going.</summary>
    [Id("pending")]
    Pending = 3,

    /// <summary>The transport is not offered by this host (IPv6 disabled on lo, for example).</summary>
    [Id("skipped:transport")]
    SkippedTransport = 101,

    /// <summary>The placement needs CPUs this host does not allow.</summary>
    [Id("skipped:placement")]
    SkippedPlacement = 102,

    /// <summary>The engine cannot pin threads (continuations on the pool), and the placement pins.</summary>
    [Id("skipped:engine-placement")]
    SkippedEnginePlacement = 103,

    /// <summary>The namespace cannot be made here (no CAP_NET_ADMIN), or the kernel lacks what the case needs (a qdisc, a CC, IPv6 at this MTU).</summary>
    [Id("skipped:sandbox")]
    SkippedSandbox = 104,

    /// <summary>Calibrate: the row's tool is not installed.</summary>
    [Id("skipped:tool-missing")]
    SkippedToolMissing = 105,

    /// <summary>Calibrate: this build cannot express the row's LoopBench case.</summary>
    [Id("skipped:pattern-unavailable")]
    SkippedPatternUnavailable = 106,

    /// <summary>The sockets or threads could not be set up.</summary>
    [Id("failed:setup")]
    FailedSetup = 151,

    /// <summary>A sandbox setting was refused or did not read back as asked, or a host sysctl could not be changed.</summary>
    [Id("failed:sandbox")]
    FailedSandbox = 152,

    /// <summary>A worker failed mid-run (reset, peer gone).</summary>
    [Id("failed:worker")]
    FailedWorker = 201,

    /// <summary>A repetition ran past the per-case timeout.</summary>
    [Id("failed:case-timeout")]
    FailedCaseTimeout = 202,

    /// <summary>The sandbox child crashed, hung or wrote no result; the reason carries the tail of its stderr.</summary>
    [Id("failed:child")]
    FailedChild = 203,

    /// <summary>Calibrate: the row's tool failed or printed something unreadable.</summary>
    [Id("failed:tool")]
    FailedTool = 204,

    /// <summary>The measured window moved nothing (no byte, transaction or datagram sent) although the case expected traffic.</summary>
    [Id("failed:no-traffic")]
    FailedNoTraffic = 205,

    /// <summary>A worker did not stop within the drain deadline.</summary>
    [Id("failed:timeout")]
    FailedTimeout = 301,
}

/// <summary>Questions about a <see cref="CaseOutcome"/>.</summary>
internal static class CaseOutcomes
{
    /// <summary>True for the <c>failed:&lt;id&gt;</c> outcomes, read from the id so that a new failure needs no list of its own.</summary>
    public static bool IsFailure(this CaseOutcome outcome) => outcome.ToId().StartsWith("failed:", StringComparison.Ordinal);

    /// <summary>True when what was measured counts: passed, or interrupted with its measurements kept.</summary>
    public static bool IsUsable(this CaseOutcome outcome) => outcome is CaseOutcome.Passed or CaseOutcome.Interrupted;
}
