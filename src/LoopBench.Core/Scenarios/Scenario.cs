namespace LoopBench.Core.Scenarios;

/// <summary>A validated scenario: its expanded, resolved cases and its run settings.</summary>
/// <param name="Name">The scenario's name; the file name when the file has none.</param>
/// <param name="Description">What experiment it is, or null.</param>
/// <param name="File">The file it came from.</param>
/// <param name="Cases">The expanded cases, resolved, unique by key, in matrix order.</param>
/// <param name="Repetitions">Repetitions per case asked for by the file, or null for the default.</param>
/// <param name="TimeoutMs">Per-repetition timeout asked for by the file in ms, or null for the default.</param>
internal sealed record Scenario(
    string Name,
    string? Description,
    string File,
    IReadOnlyList<Case> Cases,
    int? Repetitions,
    long? TimeoutMs)
{
    /// <summary>The <c>compare:</c> block: the A/B that summary.md and report.html judge; null when the file has none.</summary>
    public CompareSettings? Compare { get; init; }

    /// <summary>Reads, validates and expands a scenario file; throws <see cref="ScenarioException"/> with every error of the file.</summary>
    public static Scenario Load(string path, IReadOnlyList<ScenarioSetting>? overrides = null, Func<string, bool>? keepKey = null) =>
        FromText(path, ScenarioLoader.ReadText(path), overrides, keepKey);

    /// <summary>Parses, validates and expands YAML text, collecting structural and parameter errors together.</summary>
    public static Scenario FromText(string file, string text, IReadOnlyList<ScenarioSetting>? overrides = null, Func<string, bool>? keepKey = null)
    {
        var errors = new List<ScenarioError>();
        var document = ScenarioLoader.Parse(file, text, errors);
        if (document is not null)
        {
            try
            {
                var scenario = ScenarioValidator.Validate(document, overrides, keepKey);
                if (errors.Count == 0)
                {
                    return scenario;
                }
            }
            catch (ScenarioException ex)
            {
                errors.AddRange(ex.Errors);
            }
        }

        throw new ScenarioException(errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Mark.Line).ThenBy(e => e.Mark.Column).ToList());
    }
}
