namespace LoopBench.Core.Results;

/// <summary>What became of a repetition's packet capture (see <see cref="CaptureResult"/>).</summary>
internal enum CaptureOutcome
{
    /// <summary>The pcap was written.</summary>
    [Id("written")]
    Written = 1,

    /// <summary>No capture ran (no tcpdump, no permission, a transport it cannot see); the reason says which.</summary>
    [Id("skipped")]
    Skipped = 2,

    /// <summary>tcpdump ran but the pcap is missing or unreadable.</summary>
    [Id("failed")]
    Failed = 3,
}
