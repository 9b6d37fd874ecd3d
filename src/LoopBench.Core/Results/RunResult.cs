namespace LoopBench.Core.Results;

/// <summary>
/// A whole run: the environment that produced it and one <see cref="CaseResult"/> per case.
/// This is the document written as run.json and printed by <c>quick --json</c>.
/// </summary>
/// <param name="SchemaVersion">Version of this document's shape; see <see cref="CurrentSchemaVersion"/>.</param>
/// <param name="RunId">UTC time plus a short hash, e.g. "20261123T104200Z-3f2a".</param>
/// <param name="Tool">The LoopBench build that measured.</param>
/// <param name="Environment">The host, recorded once per run.</param>
/// <param name="Cases">Every case, passed, failed or skipped.</param>
internal sealed record RunResult(
    int SchemaVersion,
    string RunId,
    ToolInfo Tool,
    EnvironmentInfo Environment,
    IReadOnlyList<CaseResult> Cases)
{
    /// <summary>The schema version this build writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Running, completed, interrupted or failed; null for quick runs.</summary>
    public RunStatus? Status { get; init; }

    /// <summary>The scenario's name, or null for quick runs.</summary>
    public string? Scenario { get; init; }

    /// <summary>The scenario file as given on the command line.</summary>
    public string? ScenarioFile { get; init; }

    /// <summary>The <c>--label</c> that tags this run (e.g. "main"), or null.</summary>
    public string? Label { get; init; }

    /// <summary>How the run was asked for: repetitions, seed, stopping rule, filters and overrides.</summary>
    public RunSettings? Settings { get; init; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset? StartedUtc { get; init; }

    /// <summary>When this document was last rebuilt.</summary>
    public DateTimeOffset? UpdatedUtc { get; init; }

    /// <summary>Rows of <c>loopbench calibrate</c> (LoopBench against established tools); null for other runs.</summary>
    public IReadOnlyList<CalibrationResult>? Calibration { get; init; }
}

/// <summary>The measuring tool.</summary>
/// <param name="Name">Always "loopbench".</param>
/// <param name="Version">Assembly informational version.</param>
internal sealed record ToolInfo(string Name, string Version)
{
    /// <summary>The git commit the tool was built from, when the build recorded it.</summary>
    public string? Commit { get; init; }
}
