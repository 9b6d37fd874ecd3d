using LoopBench.Core.Engines;

namespace LoopBench.Core.Calibration;

/// <summary>Parses one tool run's output into figures keyed by <see cref="ToolFigures"/> ids.</summary>
public delegate bool ToolOutputParser(string output, out IReadOnlyDictionary<string, double> figures, out string error);

/// <summary>What a tool command needs to know about its slot.</summary>
/// <param name="Port">A free loopback port for the tool's server.</param>
/// <param name="DurationSeconds">Measured time, whole seconds (tools take integers).</param>
/// <param name="WarmupSeconds">Warm-up the tool omits, where it can (iperf3 -O).</param>
public sealed record ToolContext(int Port, int DurationSeconds, int WarmupSeconds);

/// <summary>The tool's processes: an optional server started once per row, and a client per repetition.</summary>
/// <param name="ServerArgs">argv of the server (argv[0] is the program), or null when the client command runs both ends.</param>
/// <param name="ClientArgs">argv of the client.</param>
public sealed record ToolInvocation(IReadOnlyList<string>? ServerArgs, IReadOnlyList<string> ClientArgs)
{
    /// <summary>The client command line as text, for the record.</summary>
    public string Describe() => string.Join(' ', ClientArgs.Select(a => a.Contains(' ', StringComparison.Ordinal) ? "'" + a + "'" : a));
}

/// <summary>One figure compared: the tool's figure against a LoopBench metric, scaled.</summary>
/// <param name="Figure">Id from <see cref="ToolFigures"/>; also the name the row's result uses.</param>
/// <param name="LoopBenchMetric">The LoopBench metric id read from each repetition.</param>
/// <param name="LoopBenchScale">Multiplies the LoopBench metric (e.g. bit/s → datagrams/s is 1 / (8 × size)).</param>
public sealed record FigurePair(string Figure, string LoopBenchMetric, double LoopBenchScale = 1);

/// <summary>
/// One calibrate row: the same experiment through LoopBench and through one tool. The LoopBench
/// side is a list of case parameters (by name, through the registry), so a row whose pattern this
/// build lacks is skipped with a reason, and lights up by itself once the parameter exists.
/// </summary>
/// <param name="Id">Stable id, e.g. "iperf3-tcp4-fwd-cubic".</param>
/// <param name="Tool">Tool id: iperf3, iperf2, sockperf, nuttcp.</param>
/// <param name="Executable">Program looked up on PATH to decide whether the tool is installed.</param>
/// <param name="AptPackage">The Debian package that provides it.</param>
/// <param name="CaseSettings">LoopBench case parameters, applied in order.</param>
/// <param name="Placement">Thread placement for both: taskset for the tool, the case's placement for LoopBench.</param>
/// <param name="CongestionControl">"cubic" etc., or null for the system default.</param>
/// <param name="Figures">What is compared.</param>
/// <param name="Command">Builds the tool's processes.</param>
/// <param name="Parse">Reads the client's output.</param>
public sealed record CalibrationRow(
    string Id,
    string Tool,
    string Executable,
    string AptPackage,
    IReadOnlyList<KeyValuePair<string, string>> CaseSettings,
    PlacementKind Placement,
    string? CongestionControl,
    IReadOnlyList<FigurePair> Figures,
    Func<ToolContext, ToolInvocation> Command,
    ToolOutputParser Parse)
{
    /// <summary>Why the tool's side cannot run on this host (checked before anything starts), or null. Defaults to none.</summary>
    public Func<string?>? Unavailable { get; init; }
}
