using System.Net;
using LoopBench.Core;
using LoopBench.Core.Calibration;
using LoopBench.Core.Engines;
using LoopBench.Core.Results;
using LoopBench.Core.Running;

namespace LoopBench.Tests.Core.Calibration;

public sealed class CalibrationCatalogTests
{
    private static readonly ToolContext Context = new(Port: 40000, DurationSeconds: 2, WarmupSeconds: 1);

    [Fact(Timeout = 5_000)]
    public void All_RowIds_AreUniqueAndCoverEveryTool()
    {
        var rows = CalibrationCatalog.All();
        Assert.Equal(rows.Count, rows.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(["cloop", "iperf2", "iperf3", "loopbench-blocking", "nuttcp", "sockperf"], rows.Select(r => r.Tool.ToId()).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = 5_000)]
    public void All_ServersBindLoopback()
    {
        foreach (var row in CalibrationCatalog.All().Where(r => r.Command is not null))
        {
            var invocation = row.Command!(Context);
            if (invocation.ServerArgs is null && row.Tool == CalibrationReference.CLoop)
            {
                // the C loop makes its own pair on 127.0.0.1 (or a Unix socketpair): no address to pass
                Assert.DoesNotContain(invocation.ClientArgs, a => a is "-B" or "-i" or "--bind");
                continue;
            }

            if (invocation.ServerArgs is null)
            {
                // nuttcp cannot bind an address; both ends run in a private namespace holding only lo
                Assert.Equal(["unshare", "--net"], invocation.ClientArgs.Take(2));
                continue;
            }

            var args = invocation.ServerArgs.ToList();
            int flag = args.FindIndex(a => a is "-B" or "-i");
            Assert.True(flag >= 0, $"{row.Id}: server has no bind address");
            Assert.True(IPAddress.IsLoopback(IPAddress.Parse(args[flag + 1])), row.Id);
        }
    }

    [Fact(Timeout = 5_000)]
    public void ExplicitCongestionRows_PassItToTheTool()
    {
        foreach (var row in CalibrationCatalog.All().Where(r => r.CongestionControl is not null && r.Tool is CalibrationReference.Iperf3 or CalibrationReference.Iperf2))
        {
            var args = row.Command!(Context).ClientArgs.ToList();
            int flag = args.FindIndex(a => a is "-C" or "-Z");
            Assert.True(flag >= 0 && args[flag + 1] == row.CongestionControl, row.Id);
        }
    }

    [Fact(Timeout = 5_000)]
    public void All_EveryFigureHasABound_ExceptTheEngineRowsThatSayWhy()
    {
        foreach (var row in CalibrationCatalog.All())
        {
            bool unbounded = row.Figures.Any(f => f.Bound is null);
            Assert.True(unbounded == (row.Note is not null), row.Id);
            Assert.True(!unbounded || row.LoopBenchReference is not null, $"{row.Id}: only engine rows go without a bound");
        }

        var bounds = CalibrationCatalog.All().Single(r => r.Id == "sockperf-tcp4-pp-64B-split").Figures.ToDictionary(f => f.Figure, f => f.Bound!.ToString());
        Assert.Equal("≤ 1.05", bounds[ToolFigures.RttP50Ns]);
        Assert.Equal("≤ 1.10", bounds[ToolFigures.RttP99Ns]);
        Assert.Equal("≤ 1.25", bounds[ToolFigures.RttP999Ns]);
        Assert.Equal("≥ 0.95", bounds[ToolFigures.TransactionsPerSecond]);
        Assert.Equal("≥ 1.00", CalibrationCatalog.All().Single(r => r.Id == "iperf3-tcp4-fwd-cubic").Figures.Single().Bound!.ToString());
    }

    [Fact(Timeout = 5_000)]
    public void EngineRows_CompareAgainstBlockingOnTheSameCase()
    {
        var engines = CalibrationCatalog.All().Where(r => r.LoopBenchReference is not null && r.Id.StartsWith("engine-tcp4-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["async-inline", "pipelines-inline", "async", "pipelines", "networkstream"],
            engines.Select(r => r.CaseSettings.Single(s => s.Key == "engine").Value));
        Assert.All(engines, r => Assert.Equal("blocking", r.LoopBenchReference!.Single(s => s.Key == "engine").Value));
        Assert.All(engines, r => Assert.Equal(CalibrationReference.LoopBenchBlocking, r.Tool));
        Assert.Equal(["async-inline", "pipelines-inline"],
            engines.Where(r => r.Figures.Single().Bound is { Value: 0.85, Direction: BoundDirection.AtLeast }).Select(r => r.CaseSettings.Single(s => s.Key == "engine").Value));
        foreach (var row in engines)
        {
            Assert.True(CalibrationRunner.TryBuildCase(row, new CalibrationOptions(), out var engine, out _, out string reason), reason);
            Assert.True(CalibrationRunner.TryBuildCase(row with { CaseSettings = row.LoopBenchReference! }, new CalibrationOptions(), out var blocking, out _, out reason), reason);
            Assert.Equal(engine.Resolve().Key.Replace(engine.Engine.ToId(), "blocking", StringComparison.Ordinal), blocking.Resolve().Key);
        }
    }

    [Fact(Timeout = 5_000)]
    public void BatchedRows_CompareOnlyAgainstUnbatchedLoopBench()
    {
        var batched = CalibrationCatalog.All().Where(r => r.CaseSettings.Any(s => s.Key is "batch" or "udp-gro")).ToList();
        Assert.Equal(["engine-udp4-64B-batch32-gso-gro", "engine-udp4-64B-batch32"], batched.Select(r => r.Id));
        Assert.Equal("≥ 1.50", batched[0].Figures.Single().Bound!.ToString());
        Assert.Null(batched[1].Figures.Single().Bound);
        foreach (var row in batched)
        {
            Assert.Null(row.Command); // never a tool that sends one datagram per call
            Assert.NotNull(row.LoopBenchReference);
            Assert.True(CalibrationRunner.TryBuildCase(row, new CalibrationOptions(), out var c, out _, out string reason), reason);
            Assert.True(CalibrationRunner.TryBuildCase(row with { CaseSettings = row.LoopBenchReference! }, new CalibrationOptions(), out var reference, out _, out reason), reason);
            Assert.Contains(" batch=32", c.Resolve().Key, StringComparison.Ordinal);
            Assert.DoesNotContain("batch=", reference.Resolve().Key, StringComparison.Ordinal);
            Assert.Equal(EngineKind.Blocking, reference.Engine);
        }
    }

    [Fact(Timeout = 5_000)]
    public void StampsRows_JudgeTheDecompositionAbsolutely_AgainstTheSameCaseUnstamped()
    {
        var all = CalibrationCatalog.All().ToList();
        var stamps = all.Where(r => r.CaseSettings.Any(s => s.Key == "timestamps")).ToList();
        Assert.Equal(["stamps-tcp4-pp-64B-split", "stamps-udp4-pp-64B-split"], stamps.Select(r => r.Id));
        Assert.Same(all.Single(r => r.Id == "cloop-unix-stream-pp-64B-split-spin"), all[all.IndexOf(stamps[0]) - 1]); // beside the cloop rows
        foreach (var row in stamps)
        {
            Assert.Equal(CalibrationReference.LoopBenchBlocking, row.Tool);
            Assert.Equal(PlacementKind.Split, row.Placement);
            Assert.Null(row.Command);
            Assert.NotNull(row.Note);
            var sum = row.Figures.Single(f => f.Figure == MetricIds.StampSumOverRttMedian);
            Assert.True(sum.Absolute);
            Assert.Equal(MetricIds.StampSumOverRttMedian, sum.LoopBenchMetric);
            Assert.Equal("0.97–1.03", sum.Bound!.ToString());
            var p50 = row.Figures.Single(f => f.Figure == ToolFigures.RttP50Ns);
            Assert.False(p50.Absolute);
            Assert.Null(p50.Bound);

            Assert.True(CalibrationRunner.TryBuildCase(row, new CalibrationOptions(), out var stamped, out _, out string reason), $"{row.Id}: {reason}");
            Assert.True(CalibrationRunner.TryBuildCase(row with { CaseSettings = row.LoopBenchReference! }, new CalibrationOptions(), out var reference, out _, out reason),
                $"{row.Id}: {reason}");
            Assert.True(stamped.Resolve().Timestamps);
            Assert.False(reference.Resolve().Timestamps);
            Assert.Equal(EngineKind.Blocking, stamped.Resolve().Engine);
            Assert.Equal(EngineKind.Blocking, reference.Resolve().Engine);
            Assert.Equal((64, 64), (reference.Resolve().RequestBytes, stamped.Resolve().ResponseBytes));
        }
    }

    [Fact(Timeout = 5_000)]
    public void SplitIperf3Rows_PinLikeLoopBenchsSplitPlacement()
    {
        var split = CalibrationCatalog.All().Where(r => r.Tool == CalibrationReference.Iperf3 && r.Placement == PlacementKind.Split).ToList();
        Assert.Equal(["iperf3-tcp4-fwd-cubic-split", "iperf3-tcp4-rev-cubic-split", "iperf3-tcp6-fwd-cubic-split", "iperf3-tcp6-rev-cubic-split"], split.Select(r => r.Id));
        Assert.True(PlacementPlan.TryCreate(PlacementKind.Split, [3, 5], out var plan, out _));
        foreach (var row in split)
        {
            Assert.True(row.ToolPinsItself, row.Id);
            var args = row.Command!(Context with { ClientCpu = plan.ClientCpu, ServerCpu = plan.ServerCpu }).ClientArgs.ToList();
            Assert.Equal("3,5", args[args.IndexOf("-A") + 1]); // client on LoopBench's client CPU, server on its server CPU
        }

        Assert.Contains(CalibrationCatalog.All(), r => r.Id == "iperf3-tcp4-fwd-cubic" && r.Placement == PlacementKind.Unpinned);
    }

    [Fact(Timeout = 5_000)]
    public void TryBuildCase_EachRow_BuildsOrSaysThePatternIsMissing()
    {
        foreach (var row in CalibrationCatalog.All())
        {
            bool built = CalibrationRunner.TryBuildCase(row, new CalibrationOptions(), out var c, out _, out string reason);
            Assert.True(built || reason.StartsWith("pattern not available in this build", StringComparison.Ordinal), $"{row.Id}: {reason}");
            if (built)
            {
                Assert.Equal(row.Placement, c.Placement);
                Assert.Equal(2000, c.DurationMs);
            }
        }
    }

    [Fact(Timeout = 5_000)]
    public void TryBuildCase_MainRows_BuildInThisBuild()
    {
        foreach (string id in new[] { "iperf3-tcp4-fwd-cubic", "iperf3-tcp6-fwd-default", "sockperf-tcp4-pp-64B-split", "nuttcp-tcp4-cubic" })
        {
            var row = CalibrationCatalog.All().Single(r => r.Id == id);
            Assert.True(CalibrationRunner.TryBuildCase(row, new CalibrationOptions(), out _, out _, out string reason), reason);
        }
    }

    [Fact(Timeout = 30_000)]
    public void Run_ToolNotInstalled_IsSkippedNamingTheAptPackage()
    {
        var row = CalibrationCatalog.All()[0] with { Id = "missing-tool", Executable = "no-such-tool-xyz", AptPackage = "no-such-package" };
        var (cases, rows) = new CalibrationRunner().Run([row], new CalibrationOptions(), TestContext.Current.CancellationToken);
        Assert.Empty(cases);
        var result = Assert.Single(rows);
        Assert.Equal(CalibrationRowOutcome.Of(CaseOutcome.SkippedToolMissing), result.Outcome);
        Assert.Contains("apt-get install no-such-package", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_ATermOrACommaList_KeepsMatchingRowsInCatalogOrder()
    {
        var all = CalibrationCatalog.All();
        Assert.Same(all, CalibrationCatalog.Select(all, null));
        Assert.All(CalibrationCatalog.Select(all, "SOCKPERF-TCP4"), r => Assert.StartsWith("sockperf-tcp4", r.Id, StringComparison.Ordinal));
        Assert.Equal(2, CalibrationCatalog.Select(all, "SOCKPERF-TCP4").Count);
        var two = CalibrationCatalog.Select(all, "sockperf-udp4-pp-64B-split, iperf3-tcp4-fwd-cubic-split");
        Assert.Equal(["iperf3-tcp4-fwd-cubic-split", "sockperf-udp4-pp-64B-split"], two.Select(r => r.Id));
    }

    [Theory]
    [InlineData("nosuchrow", "'nosuchrow'")]
    [InlineData("sockperf,nosuchrow", "'nosuchrow'")]
    [InlineData(",", "','")]
    public void Select_ATermThatMatchesNoRow_IsRefusedWithTheKnownIds(string filter, string named)
    {
        var ex = Assert.Throws<ArgumentException>(() => CalibrationCatalog.Select(CalibrationCatalog.All(), filter));
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
        Assert.Contains("iperf3-tcp4-fwd-cubic", ex.Message, StringComparison.Ordinal);
    }
}
