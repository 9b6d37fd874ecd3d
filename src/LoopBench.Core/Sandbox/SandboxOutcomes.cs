namespace LoopBench.Core.Sandbox;

/// <summary>
/// Outcome ids of sandboxed cases, in the style of Results.Outcomes.
/// TODO(issue 7 integration): move into Outcomes once Results is free to edit.
/// </summary>
public static class SandboxOutcomes
{
    /// <summary>The namespace cannot be made here (no CAP_NET_ADMIN), or the kernel lacks what the case needs (a qdisc, a CC, IPv6 at this MTU).</summary>
    public const string SkippedSandbox = "skipped:sandbox";

    /// <summary>A setting was refused or did not read back as asked.</summary>
    public const string FailedSandbox = "failed:sandbox";

    /// <summary>The child crashed, hung or wrote no result; the reason carries the tail of its stderr.</summary>
    public const string FailedChild = "failed:child";
}
