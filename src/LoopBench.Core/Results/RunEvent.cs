using System.Text.Json.Serialization;
using LoopBench.Core.Measurement;
using LoopBench.Core.Scenarios;

namespace LoopBench.Core.Results;

/// <summary>One line of events.jsonl: the log that run.json is rebuilt from.</summary>
/// <param name="Utc">When it happened.</param>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RunStartedEvent), "run-started")]
[JsonDerivedType(typeof(RepetitionEvent), "repetition")]
[JsonDerivedType(typeof(CaseFinishedEvent), "case-finished")]
[JsonDerivedType(typeof(RunStatusEvent), "status")]
internal abstract record RunEvent(DateTimeOffset Utc);

/// <summary>The first line: everything needed to resume the run without the scenario file.</summary>
/// <param name="Utc">When the run started.</param>
/// <param name="RunId">The run id.</param>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="ScenarioFile">The file as given.</param>
/// <param name="Label">--label, or null.</param>
/// <param name="Settings">Repetitions, seed, stopping rule.</param>
/// <param name="Tool">The build that measured.</param>
/// <param name="Environment">The host.</param>
/// <param name="Cases">The resolved cases, in matrix order; indexes below refer to this list.</param>
internal sealed record RunStartedEvent(
    DateTimeOffset Utc,
    string RunId,
    string Scenario,
    string ScenarioFile,
    string? Label,
    RunSettings Settings,
    ToolInfo Tool,
    EnvironmentInfo Environment,
    IReadOnlyList<Case> Cases) : RunEvent(Utc);

/// <summary>One repetition that finished (interrupted repetitions are not logged: they are measured again on resume).</summary>
/// <param name="Utc">When it finished.</param>
/// <param name="CaseIndex">Index into <see cref="RunStartedEvent.Cases"/>.</param>
/// <param name="Index">The repetition's index within its case.</param>
/// <param name="Outcome">How the repetition ended.</param>
/// <param name="Reason">Why it failed or was skipped, or null.</param>
/// <param name="Result">What was measured, or null.</param>
/// <param name="Noise">CPU noise while it ran, or null when /proc was unreadable.</param>
internal sealed record RepetitionEvent(
    DateTimeOffset Utc,
    int CaseIndex,
    int Index,
    CaseOutcome Outcome,
    string? Reason,
    RepetitionResult? Result,
    CpuNoise? Noise) : RunEvent(Utc);

/// <summary>A case needs no more repetitions.</summary>
/// <param name="Utc">When.</param>
/// <param name="CaseIndex">Index into <see cref="RunStartedEvent.Cases"/>.</param>
internal sealed record CaseFinishedEvent(DateTimeOffset Utc, int CaseIndex) : RunEvent(Utc);

/// <summary>The run changed status: resumed (running), completed, interrupted or failed.</summary>
/// <param name="Utc">When.</param>
/// <param name="Status">The new status.</param>
/// <param name="Reason">Why, for failed runs.</param>
internal sealed record RunStatusEvent(DateTimeOffset Utc, RunStatus Status, string? Reason) : RunEvent(Utc);
