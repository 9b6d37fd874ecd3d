namespace LoopBench.Core;

/// <summary>The unit a metric is recorded in; decides how thresholds and exports read it.</summary>
// public: test theories take it as a parameter, and xUnit test methods must be public
public enum MetricUnitKind
{
    /// <summary>bit/s.</summary>
    [Id("bits-per-second")]
    BitsPerSecond,

    /// <summary>Events per second (messages, transactions).</summary>
    [Id("per-second")]
    PerSecond,

    /// <summary>Nanoseconds.</summary>
    [Id("nanoseconds")]
    Nanoseconds,

    /// <summary>Bytes.</summary>
    [Id("bytes")]
    Bytes,

    /// <summary>A plain count.</summary>
    [Id("count")]
    Count,

    /// <summary>A fraction, 0..1 (loss).</summary>
    [Id("ratio")]
    Ratio,

    /// <summary>Microseconds (CPU time, TCP_INFO RTT, service demand).</summary>
    [Id("microseconds")]
    Microseconds,

    /// <summary>Percent (of one core).</summary>
    [Id("percent")]
    Percent,
}
