using System.Globalization;

namespace LoopBench.Core.Scenarios;

/// <summary>
/// Checks a <see cref="ScenarioDocument"/> against the case-parameter registry and turns it into a
/// <see cref="Scenario"/>. Every error is collected before anything is thrown, each at the line and
/// column it comes from; an unknown name gets the closest valid one as a suggestion.
/// </summary>
internal static class ScenarioValidator
{
    /// <summary>Most repetitions per case a file may ask for.</summary>
    public const int MaxRepetitions = 1000;

    /// <summary>The file name used for errors in <c>--set</c> overrides.</summary>
    public const string OverrideSource = "--set";

    /// <summary>
    /// Validates and expands; throws <see cref="ScenarioException"/> with every error. With
    /// <paramref name="keepKey"/> (run --filter) only the cases whose key as the file gives it,
    /// before <paramref name="overrides"/>, passes are validated and kept, so an override that does
    /// not fit a filtered-out case is no error; no case left is an empty scenario, not an error.
    /// </summary>
    public static Scenario Validate(ScenarioDocument document, IReadOnlyList<ScenarioSetting>? overrides = null, Func<string, bool>? keepKey = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        overrides ??= [];
        var errors = new List<ScenarioError>();
        var bad = new HashSet<ScenarioSetting>();
        string file = document.File;
        CheckSettings(file, document.Defaults, errors, bad);
        CheckSettings(OverrideSource, overrides, errors, bad);
        foreach (var entry in document.Include.Concat(document.Exclude))
        {
            CheckSettings(file, entry, errors, bad);
        }

        long bound = MatrixExpander.CountUpperBound(document, overrides);
        if (bound > MatrixExpander.MaxCases)
        {
            // Refused before expanding: a few hundred bytes of axes can describe more cases than memory holds.
            var mark = document.Matrix.Count > 0 ? document.Matrix[0].KeyMark : new SourceMark(1, 1);
            string sizes = string.Join(" × ", document.Matrix.Where(a => a.Values.Count > 0).Select(a => $"{a.Values.Count} {a.Key}"));
            string count = bound == long.MaxValue ? "more than 9.2e18" : bound.ToString(CultureInfo.InvariantCulture);
            errors.Add(new(file, mark, $"the matrix expands to {count} cases ({sizes}), more than the {MatrixExpander.MaxCases.ToString(CultureInfo.InvariantCulture)} a scenario may hold; narrow an axis, pin one with --set, or split the scenario"));
            throw new ScenarioException(errors);
        }

        var seenAxes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var axis in document.Matrix)
        {
            if (!seenAxes.Add(MatrixExpander.Normalize(axis.Key)))
            {
                errors.Add(new(file, axis.KeyMark, $"matrix axis '{axis.Key}' is given twice"));
            }

            CheckSettings(file, axis.Values.Select(v => new ScenarioSetting(axis.Key, axis.KeyMark, v)), errors, bad);
        }

        var compare = CompareBlockValidator.Check(document, errors);
        string? baselineKey = null;
        int? repetitions = ParseRepetitions(document, errors);
        long? timeoutMs = ParseTimeout(document, errors);
        bool settingErrors = errors.Count > 0;

        var unresolved = new List<Case>();
        var cases = new List<Case>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var caseErrors = new Dictionary<string, ScenarioError>(StringComparer.Ordinal);
        foreach (var expanded in MatrixExpander.Expand(document, overrides))
        {
            // Settings already reported are left out, so the case-level checks still run on the rest.
            var settings = expanded.Where(s => !bad.Contains(s)).ToList();
            if (keepKey is not null && !keepKey(KeyOfFileCase(settings)))
            {
                continue;
            }

            var c = MatrixExpander.ToCase(settings);
            var problems = CaseValidator.Validate(c);
            foreach (var problem in problems)
            {
                var source = settings.LastOrDefault(s => MatrixExpander.Normalize(s.Key) == problem.Parameter);
                var error = source is null
                    ? new ScenarioError(file, new SourceMark(0, 0), $"{problem.Parameter}: {problem.Message}")
                    : new ScenarioError(source.Value.Mark.Line == 0 ? OverrideSource : file, source.Value.Mark, $"{problem.Parameter}: {problem.Message}");
                caseErrors.TryAdd(error.ToString(), error with { Message = $"{error.Message} (case {c.Key})" });
            }

            if (problems.Count == 0)
            {
                if (baselineKey is null && compare is ({ } axis, { } baselineText) && CompareBlockValidator.IsBaseline(settings, axis, baselineText))
                {
                    baselineKey = c.Key;
                }

                unresolved.Add(c);
            }
        }

        foreach (var c in SandboxPlan.Unify(unresolved))
        {
            if (keys.Add(c.Key))
            {
                cases.Add(c.Resolve());
            }
        }

        errors.AddRange(caseErrors.Values);
        if (!settingErrors && errors.Count == 0 && cases.Count == 0 && keepKey is null)
        {
            var mark = document.Matrix.Count > 0 ? document.Matrix[0].KeyMark : new SourceMark(0, 0);
            errors.Add(new(file, mark, "the matrix expands to zero cases: every combination is excluded"));
        }

        if (errors.Count > 0)
        {
            throw new ScenarioException(Ordered(errors));
        }

        string name = document.Name ?? Path.GetFileNameWithoutExtension(file);
        return new Scenario(name, document.Description, file, cases, repetitions, timeoutMs)
        {
            Compare = compare is ({ } compareAxis, _) ? CompareBlockValidator.Settings(compareAxis, baselineKey) : null,
        };
    }

    /// <summary>The key of a case from the file's own settings (the overrides, which have no line, left out); "" when they do not make a case.</summary>
    private static string KeyOfFileCase(IEnumerable<ScenarioSetting> settings)
    {
        try
        {
            return MatrixExpander.ToCase(settings.Where(s => s.KeyMark.Line != 0)).Key;
        }
        catch (Exception ex) when (ex is ParameterException or ArgumentException or InvalidOperationException)
        {
            return string.Empty;
        }
    }

    private static void CheckSettings(string file, IEnumerable<ScenarioSetting> settings, List<ScenarioError> errors, HashSet<ScenarioSetting> bad)
    {
        var names = CaseParameters.All.Select(p => p.Name).ToList();
        var reported = new HashSet<(string, SourceMark)>(); // an axis's values share its key: one error per key
        foreach (var setting in settings)
        {
            string source = setting.Value.Mark.Line == 0 ? OverrideSource : file;
            if (!CaseParameters.IsKnown(setting.Key))
            {
                if (reported.Add((setting.Key, setting.KeyMark)))
                {
                    errors.Add(new(source, setting.KeyMark, ScenarioLoader.UnknownKey("parameter", setting.Key, names)));
                }

                bad.Add(setting);
                continue;
            }

            try
            {
                CaseParameters.Apply(new Case(), setting.Key, setting.Value.Text);
            }
            catch (ParameterException ex)
            {
                errors.Add(new(source, setting.Value.Mark, $"{MatrixExpander.Normalize(setting.Key)}: {ex.Message}"));
                bad.Add(setting);
            }
        }
    }

    private static int? ParseRepetitions(ScenarioDocument document, List<ScenarioError> errors)
    {
        if (document.Repetitions is not { } value)
        {
            return null;
        }

        if (int.TryParse(value.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= MaxRepetitions)
        {
            return n;
        }

        errors.Add(new(document.File, value.Mark, $"repetitions: '{value.Text}' is out of range; use a whole number from 1 to {MaxRepetitions}"));
        return null;
    }

    private static long? ParseTimeout(ScenarioDocument document, List<ScenarioError> errors)
    {
        if (document.Timeout is not { } value)
        {
            return null;
        }

        if (!ValueParsers.TryParseDurationMs(value.Text, out long ms, out string error))
        {
            errors.Add(new(document.File, value.Mark, $"timeout: {error}"));
            return null;
        }

        if (ms <= 0 || ms > CaseRangeRules.MaxDurationMs)
        {
            errors.Add(new(document.File, value.Mark, $"timeout: {ms} ms is out of range; use a positive duration up to 24 h"));
            return null;
        }

        return ms;
    }

    private static List<ScenarioError> Ordered(List<ScenarioError> errors) =>
        errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Mark.Line).ThenBy(e => e.Mark.Column).ToList();
}
