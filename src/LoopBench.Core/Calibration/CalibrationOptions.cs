namespace LoopBench.Core.Calibration;

/// <summary>Knobs of <c>loopbench calibrate</c>.</summary>
public sealed record CalibrationOptions
{
    /// <summary>Repetitions per side, interleaved A B A B. Defaults to 5 (the minimum the issue asks).</summary>
    public int Repetitions { get; init; } = 5;

    /// <summary>Measured seconds per repetition, both sides (tools take whole seconds). Defaults to 2.</summary>
    public int DurationSeconds { get; init; } = 2;

    /// <summary>Warm-up seconds, LoopBench's warm-up and iperf3's -O. Defaults to 1.</summary>
    public int WarmupSeconds { get; init; } = 1;

    /// <summary>Only rows whose id contains this text (ordinal, case-insensitive). Defaults to null: all rows.</summary>
    public string? RowFilter { get; init; }
}
