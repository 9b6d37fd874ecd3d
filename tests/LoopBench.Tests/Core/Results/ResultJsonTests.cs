using System.Globalization;
using System.Text.Json;
using LoopBench.Core;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Tests.Core.Results;

public sealed class ResultJsonTests
{
    internal static RunResult Fixture()
    {
        var c = new Case { Transport = TransportKind.UnixStream, Pattern = PatternKind.Rr, DurationMs = 2000 }.Resolve();
        var histogram = new LatencyHistogram();
        for (int i = 1; i <= 100; i++)
        {
            histogram.Record(10_000 + (i * 10));
        }

        var rep = new RepetitionResult(0, new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), false, 2_000_000_000,
            new SortedDictionary<string, double>(StringComparer.Ordinal) { [MetricIds.Transactions] = 100, [MetricIds.TransactionsPerSecond] = 50.5 },
            LatencySummary.From(histogram), histogram.NonEmptyBuckets().Select(b => new[] { b.LowerNs, b.WidthNs, b.Count }).ToList(),
            [new EndResult("lb-c0-rr", EndRole.Client, 0, [0], 12800, 200, 100, 100, 100, 0, null)],
            new SocketSettingsResult(null, null, null, 1, 2, 3, 4),
            [new IntervalResult(0, 1_000_000_000, 6400, 50)]);
        var env = new EnvironmentInfo("host", "6.1.0", "Debian", "cpu", 2, [0, 1], 1 << 30, ".NET 10", false, false, "bbr",
            ["reno", "cubic", "bbr"], 65536, 1000, new SortedDictionary<string, string>(StringComparer.Ordinal) { ["net.core.rmem_max"] = "4194304" });
        return new RunResult(RunResult.CurrentSchemaVersion, "20261123T100000Z-abcdef", new ToolInfo("loopbench", "0.1.0"), env,
            [new CaseResult(c.Key, c, CaseOutcome.Passed, null, [rep])]);
    }

    [Theory]
    [InlineData("host", (int)CountersScope.Host)]
    [InlineData("netns", (int)CountersScope.NetNs)]
    [InlineData("host-wide", (int)CountersScope.HostWide)] // written before the scope was detected
    public void KernelCountersScope_ReadsEveryIdEverWritten_AndWritesItBack(string id, int expected)
    {
        var run = Fixture();
        var node = System.Text.Json.Nodes.JsonNode.Parse(ResultJson.Serialize(run))!;
        node["cases"]![0]!["repetitions"]![0]!["kernelCountersScope"] = id;

        var read = ResultJson.Deserialize(node.ToJsonString());

        Assert.Equal((CountersScope)expected, read.Cases[0].Repetitions[0].KernelCountersScope);
        Assert.Contains($"\"kernelCountersScope\": \"{id}\"", ResultJson.Serialize(read), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    [InlineData("ru-RU")]
    public void Shape_HasVersionedStableFieldNamesWithUnits_InAnyCulture(string culture)
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo(culture);
        try
        {
            using var doc = JsonDocument.Parse(ResultJson.Serialize(Fixture()));
            var root = doc.RootElement;
            Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
            Assert.Equal("bbr", root.GetProperty("environment").GetProperty("congestionControlDefault").GetString());
            var c = root.GetProperty("cases")[0];
            Assert.Equal("unix-stream", c.GetProperty("case").GetProperty("transport").GetString());
            Assert.Equal("rr", c.GetProperty("case").GetProperty("pattern").GetString());
            Assert.Equal("unpinned", c.GetProperty("case").GetProperty("placement").GetString());
            Assert.Equal(2000, c.GetProperty("case").GetProperty("durationMs").GetInt64());
            Assert.Equal("passed", c.GetProperty("outcome").GetString());
            var rep = c.GetProperty("repetitions")[0];
            Assert.Equal(2_000_000_000, rep.GetProperty("elapsedNs").GetInt64());
            Assert.Equal(50.5, rep.GetProperty("metrics").GetProperty("transactionsPerSecond").GetDouble());
            Assert.Equal(100, rep.GetProperty("latency").GetProperty("samples").GetInt64());
            Assert.True(rep.GetProperty("latency").TryGetProperty("p50Ns", out _));
            Assert.False(rep.GetProperty("latency").TryGetProperty("p99Ns", out _)); // suppressed: n < 1000
            Assert.Equal(0, rep.GetProperty("ends")[0].GetProperty("cpuRequested").GetInt32());
            Assert.DoesNotContain(",5", ResultJson.Serialize(Fixture()), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void RoundTrip_KeepsEveryFigure()
    {
        var run = Fixture();
        var back = ResultJson.Deserialize(ResultJson.Serialize(run));
        Assert.Equal(run.Cases[0].Key, back.Cases[0].Key);
        Assert.Equal(run.Cases[0].Case, back.Cases[0].Case);
        Assert.Equal(run.Cases[0].Repetitions[0].Metrics, back.Cases[0].Repetitions[0].Metrics);
        Assert.Equal(run.Cases[0].Repetitions[0].Latency, back.Cases[0].Repetitions[0].Latency);
        Assert.Equal(ResultJson.Serialize(run), ResultJson.Serialize(back));
    }

    [Fact]
    public void RunIds_SortByTime()
    {
        string a = RunIds.New(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        string b = RunIds.New(new DateTimeOffset(2026, 1, 2, 3, 4, 6, TimeSpan.Zero));
        Assert.Matches("^20260102T030405Z-[0-9a-f]{6}$", a);
        Assert.True(string.CompareOrdinal(a, b) < 0);
    }
}
