namespace LoopBench.Core.Results;

/// <summary>What a calibrate row compares LoopBench with. Its ids are written to run.json and printed.</summary>
internal enum CalibrationReference
{
    /// <summary>iperf3 (TCP and UDP stream).</summary>
    [Id("iperf3")]
    Iperf3 = 1,

    /// <summary>iperf 2, the <c>iperf</c> program (parallel TCP stream).</summary>
    [Id("iperf2")]
    Iperf2 = 2,

    /// <summary>sockperf ping-pong.</summary>
    [Id("sockperf")]
    Sockperf = 3,

    /// <summary>nuttcp (TCP stream).</summary>
    [Id("nuttcp")]
    Nuttcp = 4,

    /// <summary>tools/pingpong, the C busy-poll loop, compiled on first use.</summary>
    [Id("cloop")]
    CLoop = 5,

    /// <summary>LoopBench's own blocking engine: the engine rows and the batching and timestamp rows.</summary>
    [Id("loopbench-blocking")]
    LoopBenchBlocking = 6,
}
