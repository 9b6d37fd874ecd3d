namespace LoopBench.Core.Results;

/// <summary>The optional packet capture of a case.</summary>
/// <param name="Outcome">Written, skipped or failed.</param>
/// <param name="Path">The pcap file, when written.</param>
/// <param name="PacketLimit">N of --capture N.</param>
/// <param name="Reason">Why it was skipped or failed.</param>
internal sealed record CaptureResult(CaptureOutcome Outcome, string? Path, int PacketLimit, string? Reason)
{
    /// <summary>Packets in the pcap, counted in the file; null when nothing was written.</summary>
    public long? Packets { get; init; }

    /// <summary>Size of the pcap in bytes; null when nothing was written.</summary>
    public long? FileBytes { get; init; }

    /// <summary>The tcpdump filter that kept the capture to the case's own packets; null when none ran.</summary>
    public string? Filter { get; init; }
}
