using LoopBench.Core.Results;
using LoopBench.Core.Results.Export;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Results.Export;

/// <summary>The OpenMetrics export follows Prometheus' naming: base units, honest conversions, knobs as labels.</summary>
public sealed class PrometheusExportTests
{
    /// <summary>promlint's unit abbreviations (prometheus/client_golang testutil/promlint), none of which may be a name part.</summary>
    private static readonly string[] Abbreviations = ["s", "ms", "us", "ns", "sec", "b", "kb", "mb", "gb", "tb", "pb", "m", "h", "d"];

    /// <summary>Non-base units promlint names, and percent, which Prometheus writes as a ratio.</summary>
    private static readonly string[] NonBaseUnits = ["bits", "percent", "milliseconds", "microseconds", "nanoseconds", "kilobytes", "minutes", "hours"];

    public static TheoryData<string> Known => [.. MetricCatalog.Known.Select(m => m.Id)];

    [Theory(Timeout = 10_000)]
    [MemberData(nameof(Known))]
    public void EveryFamilyName_HasNoAbbreviatedOrNonBaseUnit_AndEndsWithItsUnit(string id)
    {
        var name = PrometheusName.Of(id);
        Assert.Matches("^loopbench_[a-z0-9_]+[a-z0-9]$", name.Name);
        string[] parts = name.Name.Split('_');
        Assert.DoesNotContain(parts, p => Abbreviations.Contains(p));
        Assert.DoesNotContain(parts, p => NonBaseUnits.Contains(p));
        if (name.Unit is not null)
        {
            Assert.EndsWith("_" + name.Unit, name.Name, StringComparison.Ordinal);
        }
    }

    [Theory(Timeout = 10_000)]
    [InlineData(MetricIds.ThroughputBitsPerSecond, 8e9, "loopbench_throughput_bytes_per_second", "bytes_per_second", "1000000000")]
    [InlineData(MetricIds.RttP99Ns, 21_000, "loopbench_rtt_p99_seconds", "seconds", "2.1E-05")]
    [InlineData(MetricIds.CpuProcessUs, 250_000, "loopbench_cpu_process_seconds", "seconds", "0.25")]
    [InlineData(MetricIds.HarnessOverheadUs, 12_345, "loopbench_harness_overhead_seconds", "seconds", "0.012345")]
    [InlineData(MetricIds.TcpRttUs, 30, "loopbench_tcp_rtt_seconds", "seconds", "3E-05")]
    [InlineData(MetricIds.TcpMinRttUs, 7, "loopbench_tcp_min_rtt_seconds", "seconds", "7E-06")]
    [InlineData(MetricIds.ServiceDemandUsPerKiB, 2048, "loopbench_service_demand_seconds_per_byte", null, "2E-06")]
    [InlineData(MetricIds.ServiceDemandUsPerTransaction, 15, "loopbench_service_demand_seconds_per_transaction", null, "1.5E-05")]
    [InlineData(MetricIds.CpuProcessPercentOfOneCore, 150, "loopbench_cpu_process_of_one_core_ratio", "ratio", "1.5")]
    [InlineData(MetricIds.LossRatio, 0.125, "loopbench_loss_ratio", "ratio", "0.125")]
    [InlineData(MetricIds.FairnessJain, 0.875, "loopbench_fairness_jain_ratio", "ratio", "0.875")]
    [InlineData(MetricIds.Bytes, 5_375_000_000, "loopbench_bytes", "bytes", "5375000000")]
    [InlineData(MetricIds.Messages, 41, "loopbench_messages", null, "41")]
    [InlineData("futureMetricNs", 1500, "loopbench_future_metric_seconds", "seconds", "1.5E-06")]
    public void Values_AreConvertedToBaseUnits_WithoutRounding(string id, double recorded, string name, string? unit, string exported)
    {
        var family = PrometheusName.Of(id);
        Assert.Equal(name, family.Name);
        Assert.Equal(unit, family.Unit);
        Assert.Equal(exported, ExportRow.Number(recorded / family.Divisor));
    }

    [Fact(Timeout = 10_000)]
    public void KnobsAndSandboxSettings_AreLabels_OneLabelWhereTheEndsAgree()
    {
        var labels = PrometheusLabels.Of(SyntheticRuns.Case(PrometheusRuns.TunedCase(), new Dictionary<string, double[]>()));
        Assert.Contains(("congestion_control", "bbr"), labels);
        Assert.Contains(("client_send_buffer_bytes", "65536"), labels);
        Assert.Contains(("server_send_buffer_bytes", "131072"), labels);
        Assert.Contains(("lo_mtu_bytes", "9000"), labels);
        Assert.Contains(("qdisc_kind", "pfifo"), labels);
        Assert.Contains(("qdisc", "pfifo:limit=100"), labels);
        Assert.Contains(("sysctl_net_ipv4_tcp_rmem", "4096 131072 6291456"), labels);
        Assert.Contains(("sandbox", "netns"), labels);
        Assert.Contains(("transport", "tcp4"), labels);
        Assert.DoesNotContain(labels, l => l.Name is "port" or "interval_ms" or "key");
        Assert.Equal(labels.Count, labels.Select(l => l.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(labels, l => Assert.Matches("^[a-z_][a-z0-9_]*$", l.Name));
    }

    [Fact(Timeout = 10_000)]
    public void Text004_HasNoOpenMetricsOnlyLines_AndTheSameSamples()
    {
        var run = PrometheusRuns.EveryMetric();
        string openMetrics = OpenMetricsExporter.Write(run);
        string text = OpenMetricsExporter.WriteText004(run);
        Assert.DoesNotContain("# UNIT ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("# EOF", text, StringComparison.Ordinal);
        static IEnumerable<string> Samples(string s) => s.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#'));
        Assert.Equal(Samples(openMetrics), Samples(text));
        Assert.Contains("scenario=\"ci\"", text, StringComparison.Ordinal);
    }

    [Theory(Timeout = 10_000)]
    [InlineData("bench-1", "ci", "http://gw:9091/metrics/job/loopbench/host/bench-1/scenario/ci")]
    [InlineData("bench-1", null, "http://gw:9091/metrics/job/loopbench/host/bench-1/scenario/quick")]
    [InlineData("bench-1", "a/b", "http://gw:9091/metrics/job/loopbench/host/bench-1/scenario@base64/YS9i")]
    public void GroupUri_IsJobHostScenario(string host, string? scenario, string expected)
    {
        var run = ExporterGoldenTests.Fixture() with { Scenario = scenario };
        run = run with { Environment = run.Environment with { Hostname = host } };
        Assert.Equal(expected, Pushgateway.GroupUri(new Uri("http://gw:9091"), run).AbsoluteUri);
        Assert.Equal(expected.Replace("gw:9091/", "gw:9091/base/", StringComparison.Ordinal), Pushgateway.GroupUri(new Uri("http://gw:9091/base"), run).AbsoluteUri);
    }
}
