using LoopBench.Core.Results;
using LoopBench.Core.Sandbox;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;

namespace LoopBench.Tests.Fixtures;

/// <summary>Runs for the Prometheus export: every catalogue metric, and a case with knobs and sandbox settings.</summary>
internal static class PrometheusRuns
{
    /// <summary>A netns case: bbr on both ends, SO_SNDBUF differing between them, MTU 9000, a pfifo qdisc and a sysctl.</summary>
    public static Case TunedCase() => new Case
    {
        MessageBytes = 65536,
        DurationMs = 1000,
        WarmupMs = 200,
        Sandbox = SandboxMode.Netns,
        ClientKnobs = new SocketKnobs { CongestionControl = "bbr", SendBufferBytes = 65536 },
        ServerKnobs = new SocketKnobs { CongestionControl = "bbr", SendBufferBytes = 131072 },
        Kernel = new SandboxSettings
        {
            LoMtuBytes = 9000,
            Qdisc = QdiscSpec.Parse("pfifo:limit=100"),
            Sysctls = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["net.ipv4.tcp_rmem"] = "4096 131072 6291456" },
        },
    }.Resolve();

    /// <summary>Scenario "ci": the golden fixture's two cases plus <see cref="TunedCase"/> carrying every metric of the catalogue (1.5, 2, 2.5).</summary>
    public static RunResult EveryMetric()
    {
        var everything = MetricCatalog.Known.ToDictionary(m => m.Id, _ => new[] { 1.5, 2.0, 2.5 }, StringComparer.Ordinal);
        var tuned = SyntheticRuns.Case(TunedCase(), everything);
        var golden = Core.Results.Export.ExporterGoldenTests.Fixture();
        return golden with { Cases = [.. golden.Cases, tuned], Scenario = "ci" };
    }
}
