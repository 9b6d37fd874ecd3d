namespace LoopBench.Core.Results;

/// <summary>
/// When run.json and summary.md are rebuilt: their bytes written stay proportional to the bytes the
/// log gained, so recording a repetition costs the same amortized at repetition 10,000 as at 10
/// (docs/recording.md).
/// </summary>
/// <remarks>
/// Each logged event earns <see cref="AmplificationFactor"/> times its own bytes plus
/// <see cref="AllowanceBytes"/>; a rebuild is due once the earnings since the last rebuild reach
/// that rebuild's size. A rebuild rewrites the whole document (rename(2) replaces whole files), so
/// rewriting after every event would cost the run's size per event, quadratic over a run. With the
/// budget the total written is at most the earnings plus the final size: linear in the run. While
/// the documents are small (under the allowance) they are still rebuilt after every event.
/// </remarks>
/// <param name="amplificationFactor">Bytes of rebuild earned per byte logged.</param>
/// <param name="allowanceBytes">Bytes of rebuild earned per event, whatever its size.</param>
internal sealed class RebuildBudget(int amplificationFactor = RebuildBudget.DefaultAmplificationFactor, long allowanceBytes = RebuildBudget.DefaultAllowanceBytes)
{
    /// <summary>
    /// Rebuild bytes per logged byte. run.json (indented) is about 2.7 times the log's bytes per
    /// repetition, so 16 keeps its lag under about a sixth of the log.
    /// </summary>
    public const int DefaultAmplificationFactor = 16;

    /// <summary>Rebuild bytes per event, whatever its size: a small run.json is rewritten after every event even when its events are small.</summary>
    public const long DefaultAllowanceBytes = 16 * 1024;

    private long _lastRebuildBytes;
    private long _earnedBytes;
    private bool _pending;

    /// <summary>Bytes of rebuild earned per byte logged.</summary>
    public int AmplificationFactor { get; } = amplificationFactor > 0
        ? amplificationFactor
        : throw new ArgumentOutOfRangeException(nameof(amplificationFactor), amplificationFactor, "must be positive");

    /// <summary>Bytes of rebuild earned per event.</summary>
    public long AllowanceBytes { get; } = allowanceBytes >= 0
        ? allowanceBytes
        : throw new ArgumentOutOfRangeException(nameof(allowanceBytes), allowanceBytes, "must not be negative");

    /// <summary>True when the log holds events that the documents do not show yet.</summary>
    public bool HasPending => _pending;

    /// <summary>True when the next rebuild fits in what the events since the last one earned.</summary>
    public bool IsDue => _pending && _earnedBytes >= _lastRebuildBytes;

    /// <summary>Counts one event appended to the log.</summary>
    public void Logged(long lineBytes)
    {
        _earnedBytes += (lineBytes * AmplificationFactor) + AllowanceBytes;
        _pending = true;
    }

    /// <summary>Counts a rebuild that wrote <paramref name="bytes"/>: the documents now show the whole log.</summary>
    public void Rebuilt(long bytes)
    {
        _lastRebuildBytes = bytes;
        _earnedBytes = 0;
        _pending = false;
    }
}
