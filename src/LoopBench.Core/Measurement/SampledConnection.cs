namespace LoopBench.Core.Measurement;

/// <summary>Which of a crr flow's connections a TCP_INFO sample was read from.</summary>
internal enum SampledConnection
{
    /// <summary>The flow's first connection.</summary>
    [Id("first")]
    First,

    /// <summary>The flow's last connection.</summary>
    [Id("last")]
    Last,
}
