using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace LoopBench.Tests.Fixtures;

/// <summary>
/// A real Prometheus server (Debian's prometheus) on 127.0.0.1 and a free port, its config and
/// TSDB in a given directory, scraping one Pushgateway every second with honor_labels, as
/// docs/ci.md configures it.
/// </summary>
internal static class PrometheusProcess
{
    public const string Program = "prometheus";

    /// <summary>Scrape interval of the test server: short, so a push shows up within seconds.</summary>
    private const string ScrapeInterval = "1s";

    /// <summary>Writes the config into <paramref name="directory"/> and starts the server; Dispose stops it by its PID.</summary>
    public static Task<ServerProcess> StartAsync(string path, Uri gateway, string directory, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        string config = Path.Combine(directory, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: {ScrapeInterval}
              evaluation_interval: {ScrapeInterval}
            scrape_configs:
              - job_name: pushgateway
                honor_labels: true
                static_configs: [{"{"} targets: ["{gateway.Authority}"] {"}"}]
            """);
        return ServerProcess.StartAsync(path, ["--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(directory, "tsdb")], cancel);
    }

    /// <summary>
    /// Runs <paramref name="promql"/> through /api/v1/query and returns its result vector; a query
    /// Prometheus refuses (a PromQL error) throws with its message.
    /// </summary>
    public static async Task<JsonElement> QueryAsync(ServerProcess prometheus, string promql, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(prometheus);
        using var client = new HttpClient { Timeout = TaskTimeouts.Default };
        var uri = new Uri(prometheus.BaseUri, "api/v1/query?query=" + Uri.EscapeDataString(promql));
        using var response = await client.GetAsync(uri, cancel).WaitAsync(TaskTimeouts.Default, cancel);
        string body = await response.Content.ReadAsStringAsync(cancel).WaitAsync(TaskTimeouts.Default, cancel);
        using var json = JsonDocument.Parse(body);
        if (!response.IsSuccessStatusCode || json.RootElement.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"query {promql} failed ({(int)response.StatusCode}): {body}");
        }

        return json.RootElement.GetProperty("data").GetProperty("result").Clone();
    }

    /// <summary>Polls <paramref name="promql"/>, bounded by <paramref name="timeout"/>, until it returns a series.</summary>
    public static async Task WaitForSeriesAsync(ServerProcess prometheus, string promql, TimeSpan timeout, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(prometheus);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if ((await QueryAsync(prometheus, promql, cancel)).GetArrayLength() > 0)
            {
                return;
            }

            await Task.Delay(200, cancel);
        }

        throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"{promql} returned nothing within {timeout.TotalSeconds} s: {prometheus.Output}"));
    }
}
