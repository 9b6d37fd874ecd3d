using LoopBench.Core.Engines;
using LoopBench.Core.Results;

namespace LoopBench.Core.Calibration;

/// <summary>Parses one tool run's output into figures keyed by <see cref="ToolFigures"/> ids.</summary>
internal delegate bool ToolOutputParser(string output, out IReadOnlyDictionary<string, double> figures, out string error);

/// <summary>What a tool command needs to know about its slot.</summary>
/// <param name="Port">A free loopback port for the tool's server.</param>
/// <param name="DurationSeconds">Measured time, whole seconds (tools take integers).</param>
/// <param name="WarmupSeconds">Warm-up the tool omits, where it can (iperf3 -O).</param>
/// <param name="ClientCpu">CPU LoopBench's placement gives its client end, or null when unpinned.</param>
/// <param name="ServerCpu">CPU LoopBench's placement gives its server end, or null when unpinned.</param>
internal sealed record ToolContext(int Port, int DurationSeconds, int WarmupSeconds, int? ClientCpu = null, int? ServerCpu = null);

/// <summary>The tool's processes: an optional server started once per row, and a client per repetition.</summary>
/// <param name="ServerArgs">argv of the server (argv[0] is the program), or null when the client command runs both ends.</param>
/// <param name="ClientArgs">argv of the client.</param>
internal sealed record ToolInvocation(IReadOnlyList<string>? ServerArgs, IReadOnlyList<string> ClientArgs)
{
    /// <summary>The client command line as text, for the record.</summary>
    public string Describe() => string.Join(' ', ClientArgs.Select(a => a.Contains(' ', StringComparison.Ordinal) ? "'" + a + "'" : a));
}

/// <summary>One figure compared: the tool's figure against a LoopBench metric, scaled; or, absolute, LoopBench's metric alone.</summary>
/// <param name="Figure">Id from <see cref="ToolFigures"/> (or the metric id of an absolute figure); also the name the row's result uses.</param>
/// <param name="LoopBenchMetric">The LoopBench metric id read from each repetition.</param>
/// <param name="Bound">What LoopBench/reference (absolute: LoopBench's value) has to reach, or null for a figure reported without a bound.</param>
/// <param name="LoopBenchScale">Multiplies the LoopBench metric (e.g. bit/s → datagrams/s is 1 / (8 × size)).</param>
/// <param name="Absolute">
/// True when the figure is LoopBench's own value per clean pair, not divided by the reference's: the
/// reference still runs, so the pairs stay interleaved and the quiet-host gate still applies.
/// </param>
internal sealed record FigurePair(string Figure, string LoopBenchMetric, CalibrationBound? Bound, double LoopBenchScale = 1, bool Absolute = false);

/// <summary>
/// One calibrate row: the same experiment through LoopBench and through a reference, one tool or
/// LoopBench's own blocking engine (<see cref="LoopBenchReference"/>). The LoopBench side is a list
/// of case parameters (by name, through the registry), so a row whose pattern this build lacks is
/// skipped with a reason, and lights up by itself once the parameter exists. Each figure carries
/// its bound, so what the row promises is stated where the row is.
/// </summary>
/// <param name="Id">Stable id, e.g. "iperf3-tcp4-fwd-cubic".</param>
/// <param name="Tool">The reference: a tool, or LoopBench's blocking engine.</param>
/// <param name="Executable">Program looked up on PATH to decide whether the tool is installed.</param>
/// <param name="AptPackage">The Debian package that provides it.</param>
/// <param name="CaseSettings">LoopBench case parameters, applied in order.</param>
/// <param name="Placement">Thread placement for both: taskset for the tool, the case's placement for LoopBench.</param>
/// <param name="CongestionControl">"cubic" etc., or null for the system default.</param>
/// <param name="Figures">What is compared.</param>
/// <param name="Command">Builds the tool's processes; null when the reference is LoopBench.</param>
/// <param name="Parse">Reads the client's output; null when the reference is LoopBench.</param>
internal sealed record CalibrationRow(
    string Id,
    CalibrationReference Tool,
    string Executable,
    string AptPackage,
    IReadOnlyList<KeyValuePair<string, string>> CaseSettings,
    PlacementKind Placement,
    string? CongestionControl,
    IReadOnlyList<FigurePair> Figures,
    Func<ToolContext, ToolInvocation>? Command,
    ToolOutputParser? Parse)
{
    /// <summary>Case parameters of a LoopBench reference run in place of a tool (the engine rows: blocking), or null.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? LoopBenchReference { get; init; }

    /// <summary>True when the tool pins its own ends from <see cref="ToolContext"/> (iperf3 -A), so no taskset is put around it.</summary>
    public bool ToolPinsItself { get; init; }

    /// <summary>Why a row reports figures without a bound, one line; null for a bounded row.</summary>
    public string? Note { get; init; }

    /// <summary>Why the tool's side cannot run on this host (checked before anything starts), or null. Defaults to none.</summary>
    public Func<string?>? Unavailable { get; init; }
}
