using System.Text.Json;
using System.Text.RegularExpressions;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Results.Export;

/// <summary>
/// deploy/grafana/loopbench.json against a real Prometheus scraping a real Pushgateway: a run
/// pushed with the CLI answers every query of the dashboard (panels, annotations, variables).
/// Skips with a reason where prometheus or prometheus-pushgateway is not on PATH. The check of
/// the file alone is pure and runs in the fast tier.
/// </summary>
public sealed partial class GrafanaDashboardTests : IDisposable
{
    private const string Host = "bench-1";
    private const string Scenario = "ci";

    /// <summary>Scrapes every second; the first scrape after a push usually comes within 2 s.</summary>
    private static readonly TimeSpan ScrapeTimeout = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact(Timeout = 10_000)]
    public void Dashboard_HasPanelAnnotationAndVariableQueries_EachFilteredByHostAndScenario()
    {
        var queries = DashboardQueries();
        Assert.Contains(queries, q => q.Where.StartsWith("panel", StringComparison.Ordinal));
        Assert.Contains(queries, q => q.Where.StartsWith("annotation", StringComparison.Ordinal));
        Assert.Contains(queries, q => q.Where.StartsWith("variable", StringComparison.Ordinal));
        Assert.All(queries.Where(q => q.Label is null), q =>
        {
            Assert.Contains("host=~\"$host\"", q.Expr, StringComparison.Ordinal);
            Assert.Contains("scenario=~\"$scenario\"", q.Expr, StringComparison.Ordinal);
        });
    }

    [Fact(Timeout = 120_000)]
    [Trait(Traits.Category, Traits.Loopback)]
    public async Task EveryDashboardQuery_ReturnsThePushedRun_FromARealPrometheus()
    {
        string? gatewayPath = PushgatewayProcess.Find(PushgatewayProcess.Program);
        string? prometheusPath = PushgatewayProcess.Find(PrometheusProcess.Program);
        Assert.SkipWhen(gatewayPath is null, $"{PushgatewayProcess.Program} is not on PATH (Debian: apt-get install prometheus-pushgateway)");
        Assert.SkipWhen(prometheusPath is null, $"{PrometheusProcess.Program} is not on PATH (Debian: apt-get install prometheus)");
        var queries = DashboardQueries();
        var pushed = PrometheusRuns.EveryMetric();
        Assert.Equal((Host, Scenario), (pushed.Environment.Hostname, pushed.Scenario));
        string run = SyntheticRuns.Write(_dir.Path, pushed);
        var cancel = TestContext.Current.CancellationToken;

        var gateway = await PushgatewayProcess.StartAsync(gatewayPath!, cancel);
        try
        {
            var prometheus = await PrometheusProcess.StartAsync(prometheusPath!, gateway.BaseUri, _dir.Path, cancel);
            try
            {
                var (code, _, stderr) = await Task.Run(() => CliHarness.Run("export", run, "--push", gateway.BaseUri.AbsoluteUri), cancel)
                    .WaitAsync(TimeSpan.FromSeconds(40), cancel);
                Assert.True(code == 0, stderr);
                await PrometheusProcess.WaitForSeriesAsync(prometheus, $"loopbench_run_info{{host=\"{Host}\",scenario=\"{Scenario}\"}}", ScrapeTimeout, cancel);

                foreach (var query in queries)
                {
                    string expr = Substitute(query.Expr);
                    var result = await PrometheusProcess.QueryAsync(prometheus, expr, cancel);
                    var series = result.EnumerateArray().Select(s => s.GetProperty("metric")).ToArray();
                    Assert.True(series.Length > 0, $"{query.Where}: {expr} returned no series");
                    if (query.Label is { } label)
                    {
                        string expected = label == "host" ? Host : Scenario;
                        Assert.True(series.Any(s => Label(s, label) == expected), $"{query.Where}: {expr} has no {label}=\"{expected}\"");
                        continue;
                    }

                    Assert.True(
                        series.Any(s => Label(s, "host") == Host && Label(s, "scenario") == Scenario && Label(s, "kernel") == pushed.Environment.Kernel),
                        $"{query.Where}: {expr} returned no series of the run with its kernel: {result}");
                }
            }
            finally
            {
                prometheus.Dispose();
            }
        }
        finally
        {
            gateway.Dispose();
        }
    }

    /// <summary>
    /// Every PromQL expression of the dashboard: each "expr" anywhere (panel targets, annotations),
    /// and each query variable's label_values(selector, label) as its selector and the label it reads.
    /// </summary>
    private static List<(string Where, string Expr, string? Label)> DashboardQueries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(RepoFiles.PathOf("deploy", "grafana", "loopbench.json")));
        var queries = new List<(string Where, string Expr, string? Label)>();
        var root = dashboard.RootElement;
        foreach (var panel in root.GetProperty("panels").EnumerateArray())
        {
            CollectExprs(panel, "panel " + panel.GetProperty("title").GetString(), queries);
        }

        foreach (var annotation in root.GetProperty("annotations").GetProperty("list").EnumerateArray())
        {
            CollectExprs(annotation, "annotation " + annotation.GetProperty("name").GetString(), queries);
        }

        foreach (var variable in root.GetProperty("templating").GetProperty("list").EnumerateArray().Where(v => v.GetProperty("type").GetString() == "query"))
        {
            var query = variable.GetProperty("query");
            string text = (query.ValueKind == JsonValueKind.Object ? query.GetProperty("query") : query).GetString()!;
            var match = LabelValues().Match(text);
            Assert.True(match.Success, $"variable {variable.GetProperty("name").GetString()}: {text} is not label_values(selector, label)");
            queries.Add(("variable " + variable.GetProperty("name").GetString(), match.Groups["selector"].Value, match.Groups["label"].Value));
        }

        Assert.NotEmpty(queries);
        return queries;
    }

    private static void CollectExprs(JsonElement element, string where, List<(string Where, string Expr, string? Label)> queries)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "expr" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        queries.Add((where, property.Value.GetString()!, null));
                    }
                    else
                    {
                        CollectExprs(property.Value, where, queries);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CollectExprs(item, where, queries);
                }

                break;
        }
    }

    /// <summary>The dashboard's variables as Grafana fills them in with one host and one scenario selected.</summary>
    private static string Substitute(string expr)
    {
        string filled = expr.Replace("${host}", Host, StringComparison.Ordinal).Replace("$host", Host, StringComparison.Ordinal)
            .Replace("${scenario}", Scenario, StringComparison.Ordinal).Replace("$scenario", Scenario, StringComparison.Ordinal);
        Assert.DoesNotContain("$", filled, StringComparison.Ordinal);
        return filled;
    }

    private static string? Label(JsonElement metric, string name) =>
        metric.TryGetProperty(name, out var value) ? value.GetString() : null;

    [GeneratedRegex(@"^\s*label_values\((?<selector>.+),\s*(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*\)\s*$")]
    private static partial Regex LabelValues();
}
