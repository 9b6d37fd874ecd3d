using LoopBench.Cli.Terminal;
using LoopBench.Cli.Verbs;
using LoopBench.Core;
using LoopBench.Core.Comparison;
using LoopBench.Core.History;
using LoopBench.Core.Results;

namespace LoopBench.Cli.Commands;

/// <summary>Records runs in the history (SQLite or PostgreSQL) and shows a metric's trend per case key and host.</summary>
internal sealed class HistoryCommand(TextWriter stdout, TextWriter stderr)
{
    public int Execute(HistoryOptions options)
    {
        try
        {
            return (options.Action ?? "show") switch
            {
                "import" => Import(options),
                "show" => Show(options),
                "runs" => Runs(options),
                _ => throw new UsageException($"history: unknown action '{options.Action}'; valid: show, runs, import"),
            };
        }
        catch (RunFileException ex)
        {
            stderr.WriteLine($"loopbench: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (HistoryException ex)
        {
            stderr.WriteLine($"loopbench: {ex.Message}");
            return ExitCodes.BadInput;
        }
    }

    private int Import(HistoryOptions options)
    {
        string path = options.Run ?? throw new UsageException("history import: give the run.json or results directory to record");
        var run = RunFileReader.Read(path);
        using var store = new HistoryStore(options.History);
        store.Record(run, options.Label, Directory.Exists(path) ? Path.Combine(path, RunFileReader.RunFileName) : path);
        stdout.WriteLine($"recorded {run.RunId} ({run.Cases.Count} cases) as '{options.Label ?? "(no label)"}' in {HistoryTarget.Describe(options.History)}");
        return ExitCodes.Ok;
    }

    private int Runs(HistoryOptions options)
    {
        using var store = Open(options);
        var table = new TextTable("run", "label", "host", "started (UTC)", "kernel", "version");
        foreach (var run in store.Runs().Where(r => options.Label is null || r.Label == options.Label))
        {
            table.AddRow(run.RunId, run.Label ?? "-", run.Host, Time(run.StartedUtc), run.Kernel ?? "-", run.ToolVersion ?? "-");
        }

        stdout.Write(table.ToString());
        return ExitCodes.Ok;
    }

    private int Show(HistoryOptions options)
    {
        if (options.Last <= 0)
        {
            throw new UsageException("--last: must be positive");
        }

        using var store = Open(options);
        // Without --metric each case shows its own primary metric: transactions/s for rr-like cases, throughput for streams.
        var points = options.Metric is string metric
            ? store.Trend(metric, options.Case, options.Host, options.Label)
            : store.PrimaryTrend(options.Case, options.Host, options.Label);
        foreach (var series in points.GroupBy(p => (p.CaseKey, p.Host, p.Metric)))
        {
            string unit = MetricCatalog.Find(series.Key.Metric) is { } info ? MetricUnits.Text(info.Unit) : "unknown";
            stdout.WriteLine($"{series.Key.Metric} · {series.Key.CaseKey} · host {series.Key.Host}");
            var table = new TextTable("run", "label", "commit", "started (UTC)", "reps", "median", "min", "max", "vs previous");
            var list = series.ToList();
            for (int i = Math.Max(0, list.Count - options.Last); i < list.Count; i++)
            {
                var point = list[i];
                table.AddRow(point.RunId, point.Label ?? "-", ShortCommit(point.Commit), Time(point.StartedUtc), point.Repetitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    FigureText.Of(point.Median, unit), FigureText.Of(point.Min, unit), FigureText.Of(point.Max, unit),
                    i == 0 ? "-" : FigureText.Change(point.Median / list[i - 1].Median));
            }

            stdout.Write(table.ToString());
            stdout.WriteLine();
        }

        if (points.Count == 0)
        {
            stderr.WriteLine($"loopbench: no recorded figures for {options.Metric ?? "any case's primary metric"} in {HistoryTarget.Describe(options.History)} with these filters");
        }

        return ExitCodes.Ok;
    }

    private static HistoryStore Open(HistoryOptions options) => HistoryTarget.IsPostgres(options.History) || Path.Exists(options.History)
        ? HistoryStore.OpenReadOnly(options.History)
        : throw new RunFileException($"no history at '{options.History}'; record a run with 'loopbench history import RUN --label X'");

    /// <summary>The commit as git abbreviates it (12 hex digits), keeping a ".dirty" mark; "-" when unknown.</summary>
    internal static string ShortCommit(string? commit)
    {
        if (string.IsNullOrEmpty(commit))
        {
            return "-";
        }

        int dot = commit.IndexOf('.', StringComparison.Ordinal);
        string sha = dot >= 0 ? commit[..dot] : commit;
        return (sha.Length > 12 ? sha[..12] : sha) + (dot >= 0 ? commit[dot..] : string.Empty);
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
