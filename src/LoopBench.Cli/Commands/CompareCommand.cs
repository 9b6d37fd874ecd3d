using LoopBench.Cli.Terminal;
using LoopBench.Cli.Verbs;
using LoopBench.Core.Comparison;
using LoopBench.Core.History;
using LoopBench.Core.Results;
using LoopBench.Core.Scenarios;

namespace LoopBench.Cli.Commands;

/// <summary>Loads two runs, compares them, prints the report and maps the verdicts to an exit code.</summary>
internal sealed class CompareCommand(TextWriter stdout, TextWriter stderr)
{
    private static readonly string[] Formats = ["table", "markdown", "json", "junit"];

    public int Execute(CompareOptions options)
    {
        try
        {
            return Run(options);
        }
        catch (Exception ex) when (ex is RunFileException or ComparisonInputException)
        {
            stderr.WriteLine($"loopbench: {ex.Message}");
            return ExitCodes.BadInput;
        }
    }

    private int Run(CompareOptions options)
    {
        string format = options.Format.ToLowerInvariant();
        if (!Formats.Contains(format))
        {
            throw new UsageException($"--format: unknown format '{options.Format}'; valid: {string.Join(", ", Formats)}");
        }

        var comparison = new ComparisonOptions
        {
            Alpha = options.Alpha ?? (options.Holm ? 0.05 : 1e-3),
            Control = options.Holm ? ErrorControl.Holm : ErrorControl.PerTest,
            Thresholds = ParseThresholds(options.Thresholds),
            AllowEnvironmentDiff = options.AllowEnvironmentDiff,
            IgnoredParameters = IgnoredTokens(options.Ignore),
            ExpectedDiffs = options.ExpectDiff.Select(s => s.Trim()).Where(s => s.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase),
        };
        var baseline = RunLocator.Load(options.Baseline, options.History);
        var candidate = RunLocator.Load(options.Candidate, options.History);
        var report = CaseComparer.Compare(baseline, candidate, comparison);
        string text = format switch
        {
            "markdown" => MarkdownReportWriter.Write(report),
            "json" => JsonReportWriter.Write(report),
            "junit" => JunitReportWriter.Write(report),
            _ => ComparisonTable.Render(report, color: options.Output is null && ComparisonTable.ColorWanted(stdout)),
        };
        if (options.Output is null)
        {
            stdout.Write(text);
        }
        else
        {
            File.WriteAllText(options.Output, text);
        }

        foreach (var warning in report.Warnings)
        {
            stderr.WriteLine($"loopbench: warning: environment differs: {warning.Field} '{warning.Baseline ?? "(absent)"}' vs '{warning.Candidate ?? "(absent)"}' (silence with --expect-diff {warning.Group})");
        }

        if (report.HasRegression)
        {
            return ExitCodes.Regression;
        }

        if (report.IsIncomplete && !options.AllowIncomplete)
        {
            stderr.WriteLine("loopbench: the candidate is incomplete: " + string.Join("; ", report.Incomplete) + " (exit 4; --allow-incomplete accepts it)");
            return ExitCodes.Inconclusive;
        }

        return report.HasInconclusive && options.FailOnInconclusive ? ExitCodes.Inconclusive : ExitCodes.Ok;
    }

    /// <summary>--ignore's parameter names as key tokens; an unknown name is a usage error with the closest one.</summary>
    private static List<string> IgnoredTokens(IEnumerable<string> names)
    {
        var tokens = new List<string>();
        foreach (string name in names.Select(n => n.Trim()).Where(n => n.Length > 0))
        {
            if (!CaseKey.TryTokenOf(name, out string token))
            {
                string? closest = KindNames.Closest(name, CaseParameters.All.Select(p => p.Name));
                throw new UsageException($"--ignore: '{name}' is not a case parameter{(closest is null ? string.Empty : $" (did you mean '{closest}'?)")}; any scenario parameter counts, e.g. congestion, mtu, qdisc, engine, placement, sysctl:NAME");
            }

            tokens.Add(token);
        }

        return tokens;
    }

    /// <summary>"rttP99Ns=10%|2us" → metric and spec; a bare "5%" applies to every metric.</summary>
    internal static Dictionary<string, string> ParseThresholds(IEnumerable<string> texts)
    {
        var thresholds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string raw in texts)
        {
            string text = raw.Trim();
            int eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq == 0 || eq == text.Length - 1)
            {
                throw new ComparisonInputException($"--threshold '{raw}': expected METRIC=SPEC or SPEC, e.g. rttP99Ns=10%|2us or 5%");
            }

            thresholds[eq < 0 ? "*" : text[..eq].Trim()] = eq < 0 ? text : text[(eq + 1)..].Trim();
        }

        return thresholds;
    }
}
