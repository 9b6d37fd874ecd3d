using System.Globalization;
using System.Security.Cryptography;
using LoopBench.Cli.Verbs;
using LoopBench.Core;
using LoopBench.Core.Results;
using LoopBench.Core.Scenarios;

namespace LoopBench.Cli.Commands;

/// <summary>What a run will do, before anything is measured.</summary>
internal sealed record RunPlanDraft(Scenario Scenario, IReadOnlyList<Case> Cases, RunSettings Settings);

/// <summary>Turning the file and the flags into cases and settings; every bad input is exit code 2.</summary>
internal static class RunPlanner
{
    public static RunPlanDraft Plan(RunOptions options)
    {
        if (options.File is null)
        {
            throw new UsageException("run: give a scenario file (e.g. scenarios/quick.yaml) or --resume RUN-ID");
        }

        var sets = options.Sandbox is string sandbox ? options.Sets.Append("sandbox=" + sandbox) : options.Sets;
        var overrides = sets.Select(ParseSet).ToList();
        var filters = (options.Filter ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        bool Matches(string key) => filters.All(f => key.Contains(f, StringComparison.OrdinalIgnoreCase));

        // The filter picks cases as the file gives them, before --set changes them: a --set that only
        // some of the file's cases accept can then be used on those.
        var scenario = Scenario.Load(options.File, overrides, filters.Length == 0 ? null : Matches);
        var cases = scenario.Cases.ToList();
        if (cases.Count == 0)
        {
            throw new UsageException($"--filter '{options.Filter}' matches none of the scenario's cases; see them with --dry-run");
        }

        if (cases.Count > RunOptions.MaxCasesWithoutYes && !options.Yes && !options.DryRun)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"the matrix expands to {cases.Count} cases, more than {RunOptions.MaxCasesWithoutYes}; pass --yes to run them all, narrow it with --filter, or look with --dry-run"));
        }

        if (cases.Any(c => c.Kernel is not null))
        {
            cases = Executors.Prepare(cases, options.AllowHostSysctls, e => $"{e.Parameter}: {e.Message}").ToList();
        }

        int repetitions = options.Repetitions ?? (options.Quick ? 5 : scenario.Repetitions ?? 10);
        if (repetitions is < 1 or > ScenarioValidator.MaxRepetitions)
        {
            throw new UsageException($"--reps: {repetitions} is out of range; use 1 to {ScenarioValidator.MaxRepetitions}");
        }

        var (level, width) = ParseUntilCi(options.UntilCi);
        int maxReps = options.MaxRepetitions ?? Math.Max(repetitions, RunOptions.DefaultMaxRepetitions);
        if (maxReps < repetitions || maxReps > ScenarioValidator.MaxRepetitions)
        {
            throw new UsageException($"--max-reps: {maxReps} is out of range; use {repetitions} (--reps) to {ScenarioValidator.MaxRepetitions}");
        }

        long timeoutMs = scenario.TimeoutMs ?? 0;
        if (options.Timeout is not null && (!ValueParsers.TryParseDurationMs(options.Timeout, out timeoutMs, out _) || timeoutMs <= 0))
        {
            throw new UsageException($"--timeout: '{options.Timeout}' is not a positive duration; use e.g. 30s, 2m");
        }

        int seed = options.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        var settings = new RunSettings(repetitions, options.Quick, seed, timeoutMs, level, width, maxReps, filters, sets.ToList()) { Compare = scenario.Compare };
        return new RunPlanDraft(scenario, cases, settings);
    }

    private static ScenarioSetting ParseSet(string text)
    {
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw new UsageException($"--set: '{text}' is not key=value, e.g. --set time=2s");
        }

        // Line 0 marks a command-line value: errors name --set instead of a file position.
        return new ScenarioSetting(text[..eq].Trim(), new SourceMark(0, 0), new ScenarioValue(text[(eq + 1)..].Trim(), new SourceMark(0, 0)));
    }

    private static (double? Level, double? Width) ParseUntilCi(string? text)
    {
        if (text is null)
        {
            return (null, null);
        }

        string[] parts = text.Split(',');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double level)
            && double.TryParse(parts[1].TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out double width)
            && level is > 50 and < 100 && width is > 0 and <= 100)
        {
            return (level / 100, width);
        }

        throw new UsageException($"--until-ci: '{text}' is not LEVEL,WIDTH with LEVEL in (50, 100) % and WIDTH in (0, 100] %, e.g. 95,2");
    }
}
