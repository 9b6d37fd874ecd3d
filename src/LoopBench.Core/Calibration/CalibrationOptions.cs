using LoopBench.Core.Measurement;

namespace LoopBench.Core.Calibration;

/// <summary>Knobs of <c>loopbench calibrate</c>.</summary>
internal sealed record CalibrationOptions
{
    /// <summary>Clean pairs per row (a LoopBench repetition and a reference repetition each). Defaults to 10: an order-statistic interval of 97.9 %.</summary>
    public int Pairs { get; init; } = 10;

    /// <summary>Attempts allowed beyond <see cref="Pairs"/> to replace disturbed pairs. Defaults to null: as many as <see cref="Pairs"/>.</summary>
    public int? ExtraAttempts { get; init; }

    /// <summary>The most CPU outside the processes under test, or steal, a clean pair may see, % of one CPU. Defaults to 5.</summary>
    public double QuietThresholdPercentOfOneCpu { get; init; } = QuietHostGate.DefaultThresholdPercentOfOneCpu;

    /// <summary>The most the reference's own figure may spread over a row's clean pairs for the row to count as steady, %. Defaults to 10.</summary>
    public double MaxReferenceSpreadPercent { get; init; } = ReferenceSteadiness.DefaultMaxSpreadPercent;

    /// <summary>Measured seconds per repetition, both sides (tools take whole seconds). Defaults to 2.</summary>
    public int DurationSeconds { get; init; } = 2;

    /// <summary>Warm-up seconds, LoopBench's warm-up and iperf3's -O. Defaults to 1.</summary>
    public int WarmupSeconds { get; init; } = 1;
}
