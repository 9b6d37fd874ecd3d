using System.Diagnostics;
using System.Globalization;
using LoopBench.Core.Results.Export;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Results.Export;

/// <summary>
/// The export against the real Prometheus tools (Debian packages prometheus and
/// prometheus-pushgateway; .ci/run installs them): promtool lints it, a Pushgateway takes a push.
/// Each skips with a reason where its tool is not on PATH.
/// </summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class PrometheusToolTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task Promtool_FindsNothingToLint_InTheExportOfEveryMetric()
    {
        string? promtool = PushgatewayProcess.Find("promtool");
        Assert.SkipWhen(promtool is null, "promtool is not on PATH (Debian: apt-get install prometheus)");
        foreach (string text in new[] { OpenMetricsExporter.Write(PrometheusRuns.EveryMetric()), OpenMetricsExporter.WriteText004(PrometheusRuns.EveryMetric()) })
        {
            var start = new ProcessStartInfo(promtool!, ["check", "metrics"])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            try
            {
                var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
                var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
                await process.StandardInput.WriteAsync(text).WaitAsync(TaskTimeouts.Default, TestContext.Current.CancellationToken);
                process.StandardInput.Close();
                await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TaskTimeouts.Default, TestContext.Current.CancellationToken);
                string findings = await stdout.WaitAsync(TaskTimeouts.Default, TestContext.Current.CancellationToken)
                    + await stderr.WaitAsync(TaskTimeouts.Default, TestContext.Current.CancellationToken);
                Assert.True(process.ExitCode == 0 && findings.Length == 0, $"promtool check metrics exited {process.ExitCode}: {findings}");
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }
            }
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Push_ReachesARealPushgateway_GroupedByHostAndScenario()
    {
        string? path = PushgatewayProcess.Find(PushgatewayProcess.Program);
        Assert.SkipWhen(path is null, $"{PushgatewayProcess.Program} is not on PATH (Debian: apt-get install prometheus-pushgateway)");
        string run = SyntheticRuns.Write(_dir.Path, PrometheusRuns.EveryMetric());
        var gateway = await PushgatewayProcess.StartAsync(path!, TestContext.Current.CancellationToken);
        try
        {
            var (code, _, stderr) = await Task.Run(() => CliHarness.Run("export", run, "--push", gateway.BaseUri.AbsoluteUri), TestContext.Current.CancellationToken)
                .WaitAsync(TimeSpan.FromSeconds(40), TestContext.Current.CancellationToken);
            Assert.True(code == 0, stderr);

            string metrics = await gateway.GetAsync("metrics", TestContext.Current.CancellationToken);
            string[] series = metrics.Split('\n').Where(l => l.StartsWith("loopbench_throughput_bytes_per_second{", StringComparison.Ordinal)).ToArray();
            Assert.True(series.Length == 2, string.Join("\n", series));
            Assert.All(series, s =>
            {
                Assert.Contains("job=\"loopbench\"", s, StringComparison.Ordinal);
                Assert.Contains("host=\"bench-1\"", s, StringComparison.Ordinal);
                Assert.Contains("scenario=\"ci\"", s, StringComparison.Ordinal);
            });
            string tuned = Assert.Single(series, s => s.Contains("congestion_control=\"bbr\"", StringComparison.Ordinal));
            Assert.Contains("lo_mtu_bytes=\"9000\"", tuned, StringComparison.Ordinal);
            Assert.Equal(2.0 / 8, double.Parse(tuned[(tuned.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
            Assert.Contains(metrics.Split('\n'), l => l.StartsWith("loopbench_rtt_p99_seconds{", StringComparison.Ordinal) && l.EndsWith(" 2.1e-05", StringComparison.Ordinal));
            Assert.Contains("loopbench_run_info{", metrics, StringComparison.Ordinal);
            Assert.Contains(metrics.Split('\n'), l => l.StartsWith("push_time_seconds{", StringComparison.Ordinal) && l.Contains("scenario=\"ci\"", StringComparison.Ordinal));

            // A path the gateway does not serve: its 404 is reported, exit 1.
            var (failed, _, error) = await Task.Run(() => CliHarness.Run("export", run, "--push", new Uri(gateway.BaseUri, "nowhere/").AbsoluteUri), TestContext.Current.CancellationToken)
                .WaitAsync(TimeSpan.FromSeconds(40), TestContext.Current.CancellationToken);
            Assert.Equal(1, failed);
            Assert.Contains("/nowhere/metrics/job/loopbench/host/bench-1/scenario/ci failed: 404", error, StringComparison.Ordinal);
        }
        finally
        {
            gateway.Dispose();
        }
    }
}
