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
        var format = UsageException.ParseId<CompareFormat>(options.Format.ToLowerInvariant(), "--format", "format", options.Format);

        var comparison = new ComparisonOptions
        {
            Alpha = options.Alpha ?? (options.Holm ? 0.05 : 1e-3),
            Control = options.Holm ? ErrorControl.Holm : ErrorControl.PerTest,
            Thresholds = ParseThresholds(options.Thresholds),
            AllowEnvironmentDiff = options.AllowEnvironmentDiff,
            IgnoredParameters = IgnoredTokens(options.Ignore, "--ignore"),
            ExpectedDiffs = options.ExpectDiff.Select(s => s.Trim()).Where(s => s.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase),
        };
        var reports = options.Axis is null ? [TwoRuns(options, comparison)] : AxisReports(options, comparison);
        if (format == CompareFormat.Junit && reports.Count > 1)
        {
            throw new UsageException($"--format junit carries one comparison, and --axis {options.Axis} makes {reports.Count}; use --format json, which carries them all");
        }

        var text = new System.Text.StringBuilder();
        bool jsonArray = format == CompareFormat.Json && options.Axis is not null;
        text.Append(jsonArray ? "[\n" : string.Empty);
        foreach (var (heading, report) in reports)
        {
            if (heading is not null && format is CompareFormat.Table or CompareFormat.Markdown)
            {
                text.Append(format == CompareFormat.Markdown ? "## " : "== ").Append(heading).Append('\n').Append('\n');
            }

            text.Append(format switch
            {
                CompareFormat.Markdown => MarkdownReportWriter.Write(report),
                CompareFormat.Json => JsonReportWriter.Write(report).TrimEnd() + (jsonArray && report != reports[^1].Report ? ",\n" : "\n"),
                CompareFormat.Junit => JunitReportWriter.Write(report),
                _ => ComparisonTable.Render(report, color: options.Output is null && ComparisonTable.ColorWanted(stdout)),
            });
        }

        text.Append(jsonArray ? "]\n" : string.Empty);
        if (options.Output is null)
        {
            stdout.Write(text.ToString());
        }
        else
        {
            // Atomic and durable like run.json: CI reads this file as the verdict, so it is the old
            // one or the complete new one, never a torn one.
            ResultStore.WriteAtomic(options.Output, text.ToString());
        }

        foreach (var warning in reports.SelectMany(r => r.Report.Warnings))
        {
            stderr.WriteLine($"loopbench: warning: environment differs: {warning.Field} '{warning.Baseline ?? "(absent)"}' vs '{warning.Candidate ?? "(absent)"}' (silence with --expect-diff {warning.Group})");
        }

        if (reports.Any(r => r.Report.HasRegression))
        {
            return ExitCodes.Regression;
        }

        var incomplete = reports.Where(r => r.Report.IsIncomplete).SelectMany(r => r.Report.Incomplete).ToList();
        if (incomplete.Count > 0 && !options.AllowIncomplete)
        {
            stderr.WriteLine("loopbench: the candidate is incomplete: " + string.Join("; ", incomplete) + " (exit 4; --allow-incomplete accepts it)");
            return ExitCodes.Inconclusive;
        }

        return reports.Any(r => r.Report.HasInconclusive) && options.FailOnInconclusive ? ExitCodes.Inconclusive : ExitCodes.Ok;
    }

    private static (string? Heading, ComparisonReport Report) TwoRuns(CompareOptions options, ComparisonOptions comparison)
    {
        if (string.IsNullOrWhiteSpace(options.Candidate))
        {
            throw new UsageException("compare needs a BASELINE and a CANDIDATE run, or one run and --axis PARAM[=VALUE]");
        }

        var baseline = RunLocator.Load(options.Baseline, options.History);
        var candidate = RunLocator.Load(options.Candidate, options.History);
        return (null, CaseComparer.Compare(baseline, candidate, comparison));
    }

    /// <summary>One report per other value of the axis, each against the baseline value, headed "congestion: cubic → bbr".</summary>
    private static List<(string? Heading, ComparisonReport Report)> AxisReports(CompareOptions options, ComparisonOptions comparison)
    {
        if (!string.IsNullOrWhiteSpace(options.Candidate))
        {
            throw new UsageException($"--axis compares inside one run; drop the second run '{options.Candidate}', or drop --axis to compare two runs");
        }

        string axis = options.Axis!.Trim();
        int eq = axis.IndexOf('=', StringComparison.Ordinal);
        string name = eq < 0 ? axis : axis[..eq].Trim();
        string? baselineValue = eq < 0 ? null : axis[(eq + 1)..].Trim();
        string token = IgnoredTokens([name], "--axis")[0];
        var run = RunLocator.Load(options.Baseline, options.History);
        return AxisComparison.Of(run, name, token, baselineValue, comparison)
            .Select(r => ((string?)r.Heading, r.Report))
            .ToList();
    }

    /// <summary>--ignore's or --axis's parameter names as key tokens; an unknown name is a usage error with the closest one.</summary>
    private static List<string> IgnoredTokens(IEnumerable<string> names, string option)
    {
        var tokens = new List<string>();
        foreach (string name in names.Select(n => n.Trim()).Where(n => n.Length > 0))
        {
            if (!CaseKey.TryTokenOf(name, out string token))
            {
                string? closest = KindNames.Closest(name, CaseParameters.All.Select(p => p.Name));
                throw new UsageException($"{option}: '{name}' is not a case parameter{(closest is null ? string.Empty : $" (did you mean '{closest}'?)")}; any scenario parameter counts, e.g. congestion, mtu, qdisc, engine, placement, sysctl:NAME");
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
