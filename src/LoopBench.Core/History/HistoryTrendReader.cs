using System.Globalization;
using LoopBench.Core.Results;
using LoopBench.Core.Workloads;
using System.Data.Common;

namespace LoopBench.Core.History;

/// <summary>
/// The history's trend queries over an open connection: one metric's medians per case key and host,
/// or each case's primary metric. <see cref="HistoryStore"/> owns the connection and its errors.
/// </summary>
internal sealed class HistoryTrendReader(DbConnection connection, IHistoryDialect dialect)
{
    /// <summary>The trend of <paramref name="metric"/>, as <see cref="HistoryStore.Trend"/>.</summary>
    public IReadOnlyList<TrendPoint> Trend(string metric, string? caseFilter, string? host, string? label) =>
        Points([metric], caseFilter, host, label).Select(p => p.Point).ToList();

    /// <summary>
    /// The trend of each case's primary metric (transactions/s for rr, crr and rr-under-load; throughput for
    /// the streams): as <see cref="Trend"/>, each point naming its <see cref="TrendPoint.Metric"/>. The metric
    /// is the one the recorded document names for the case, else the one its pattern declares.
    /// </summary>
    public IReadOnlyList<TrendPoint> PrimaryTrend(string? caseFilter, string? host, string? label)
    {
        var primary = Primaries(caseFilter, host, label);
        return Points(primary.Values.Distinct(StringComparer.Ordinal).ToList(), caseFilter, host, label)
            .Where(p => primary.GetValueOrDefault((p.Row, p.Point.CaseKey)) == p.Point.Metric)
            .Select(p => p.Point)
            .ToList();
    }

    /// <summary>Each recorded case's primary metric, by run row id and case key.</summary>
    private Dictionary<(long Run, string Key), string> Primaries(string? caseFilter, string? host, string? label)
    {
        // Each document is read once for its cases' primary metrics; case_metrics then holds the figures.
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            WITH primaries AS (
                SELECT r.id AS run, {dialect.JsonText("c.value", "key")} AS case_key,
                       {dialect.JsonText("c.value", "primaryMetric")} AS metric, {dialect.JsonText("c.value", "case.pattern")} AS pattern
                FROM runs r, {dialect.CaseElements("r.document", "c")}
                WHERE (@host IS NULL OR r.host = @host) AND (@label IS NULL OR r.label = @label))
            SELECT p.run, p.case_key, p.metric, p.pattern FROM primaries p
            WHERE @case IS NULL OR {dialect.Contains("p.case_key", "@case")}
            """;
        Filters(command, caseFilter, host, label);
        var primary = new Dictionary<(long Run, string Key), string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            string? metric = HistoryColumns.Text(reader, 2);
            if (metric is null && HistoryColumns.Text(reader, 3) is string pattern && EnumIds.TryParse(pattern, out PatternKind kind))
            {
                metric = PrimaryMetric.Declared(kind);
            }

            if (metric is not null && HistoryColumns.Text(reader, 1) is string key)
            {
                primary[(reader.GetInt64(0), key)] = metric;
            }
        }

        return primary;
    }

    /// <summary>The points of <paramref name="metrics"/>, each with its run's row id.</summary>
    private List<(long Row, TrendPoint Point)> Points(IReadOnlyList<string> metrics, string? caseFilter, string? host, string? label)
    {
        using var command = connection.CreateCommand();
        if (metrics.Count == 0)
        {
            return [];
        }

        string names = string.Join(", ", metrics.Select((_, i) => "@m" + i.ToString(CultureInfo.InvariantCulture)));
        command.CommandText = $"""
            SELECT cm.case_key, r.host, r.run_id, r.label, r.started_utc, cm.median, cm.min, cm.max, cm.repetitions,
                   {dialect.JsonText("r.document", "tool.commit")}, r.id, cm.metric
            FROM case_metrics cm JOIN runs r ON r.id = cm.run
            WHERE cm.metric IN ({names})
              AND (@case IS NULL OR {dialect.Contains("cm.case_key", "@case")})
              AND (@host IS NULL OR r.host = @host)
              AND (@label IS NULL OR r.label = @label)
            ORDER BY cm.case_key, r.host, r.started_utc, r.id
            """;
        for (int i = 0; i < metrics.Count; i++)
        {
            HistoryCommands.AddParameter(command, "m" + i.ToString(CultureInfo.InvariantCulture), metrics[i]);
        }

        Filters(command, caseFilter, host, label);
        using var reader = command.ExecuteReader();
        var points = new List<(long, TrendPoint)>();
        while (reader.Read())
        {
            points.Add((reader.GetInt64(10), new TrendPoint(reader.GetString(0), reader.GetString(1), reader.GetString(2), HistoryColumns.Text(reader, 3),
                HistoryColumns.Time(reader.GetString(4)), reader.GetDouble(5), reader.GetDouble(6), reader.GetDouble(7), reader.GetInt32(8))
            { Commit = HistoryColumns.Text(reader, 9), Metric = reader.GetString(11) }));
        }

        return points;
    }

    private static void Filters(DbCommand command, string? caseFilter, string? host, string? label)
    {
        HistoryCommands.AddParameter(command, "case", caseFilter);
        HistoryCommands.AddParameter(command, "host", host);
        HistoryCommands.AddParameter(command, "label", label);
    }
}
