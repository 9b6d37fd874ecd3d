namespace LoopBench.Core.Results;

/// <summary>The optional packet capture of a case.</summary>
/// <param name="Outcome">"written", "skipped" or "failed".</param>
/// <param name="Path">The pcap file, when written.</param>
/// <param name="PacketLimit">N of --capture N.</param>
/// <param name="Reason">Why it was skipped or failed.</param>
public sealed record CaptureResult(string Outcome, string? Path, int PacketLimit, string? Reason);
