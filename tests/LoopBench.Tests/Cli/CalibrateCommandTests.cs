using LoopBench.Cli.Commands;
using LoopBench.Cli.Terminal;
using LoopBench.Core.Calibration;
using LoopBench.Core.Engines;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Cli;

public sealed class CalibrateCommandTests
{
    [Fact(Timeout = 10_000)]
    public void List_PrintsEveryRow()
    {
        var (code, stdout, _) = CliHarness.Run("calibrate", "--list");
        Assert.Equal(0, code);
        Assert.Contains("iperf3-tcp4-fwd-cubic", stdout, StringComparison.Ordinal);
        Assert.Contains("iperf3-tcp6-rev-cubic-split", stdout, StringComparison.Ordinal);
        Assert.Contains("engine-tcp4-fwd-cubic-pipelines-inline", stdout, StringComparison.Ordinal);
        Assert.Contains("sockperf-udp4-pp-64B-split", stdout, StringComparison.Ordinal);
        Assert.Contains("stamps-udp4-pp-64B-split", stdout, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public void BadReps_IsBadInput()
    {
        var (code, _, stderr) = CliHarness.Run("calibrate", "--reps", "0");
        Assert.Equal(2, code);
        Assert.Contains("--reps", stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public void UnknownRow_ExitsTwoNamingTheKnownRows_AndWritesNothing()
    {
        using var temp = new TempDirectory();
        var (code, stdout, stderr) = CliHarness.Run("calibrate", "--rows", "sockperf,nosuchrow", "--results", temp.Path);
        Assert.Equal(2, code);
        Assert.Contains("'nosuchrow'", stderr, StringComparison.Ordinal);
        Assert.Contains("iperf3-tcp4-fwd-cubic", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact(Timeout = 10_000)]
    public void Help_DocumentsTheExitCodeAndTheQuietThreshold()
    {
        var (_, stdout, stderr) = CliHarness.Run("calibrate", "--help");
        string help = stdout + stderr;
        Assert.Contains("--quiet-threshold", help, StringComparison.Ordinal);
        var (_, verbs, verbsErr) = CliHarness.Run("--help");
        Assert.Contains("code 3 when a row missed its bound", (verbs + verbsErr).ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public void Render_ShowsBoundOutcomePairsAndLoad_AndNeverPassed()
    {
        var rows = new[]
        {
            Row("iperf3-tcp4-fwd-cubic", CalibrationOutcome.Met, ToolFigures.ThroughputBitsPerSecond, 9.0e9, 9.3e9, CalibrationBound.AtLeast(1.00), Pairs(10, 1, outside: 1.5)),
            Row("sockperf-tcp4-pp-64B-split", CalibrationOutcome.Missed, ToolFigures.RttP50Ns, 21_000, 20_000, CalibrationBound.AtMost(1.05), Pairs(10, 0, outside: 0.5)),
            Row("engine-tcp4-fwd-cubic-async", CalibrationOutcome.Reported, ToolFigures.ThroughputBitsPerSecond, 7e9, 9e9, null, Pairs(10, 0, outside: 0.2))
                with { Note = "no bound: the runtime's default completion dispatch" },
            new CalibrationResult("iperf3-udp4-64B", CalibrationReference.Iperf3, null, null, PlacementKind.Unpinned, "default", CalibrationRowOutcome.Of(CaseOutcome.SkippedPatternUnavailable),
                "pattern not available in this build: unknown transport 'udp4'", []),
        };
        string text = CalibrationTable.Render(rows, 5);
        var lines = text.Split('\n');
        Assert.Matches(@"^row +placement +cc +figure +loopbench +ref +ratio +95% CI +bound +outcome +pairs +outside% +steal% +ref spread%", lines[0]);
        string tcp = lines.Single(l => l.StartsWith("iperf3-tcp4-fwd-cubic ", StringComparison.Ordinal));
        Assert.Matches(@" 9\.00 +9\.30 +0\.968 +\[0\.968, 0\.968\] +≥ 1\.00 +met +10/1 +2\.5/3\.5 +0\.0/0\.0 +0\.0$", tcp);
        Assert.Matches(@" ≤ 1\.05 +missed +10/0 ", lines.Single(l => l.StartsWith("sockperf-tcp4", StringComparison.Ordinal)));
        Assert.Matches(@" none +reported ", lines.Single(l => l.StartsWith("engine-tcp4", StringComparison.Ordinal)));
        Assert.Contains("engine-tcp4-fwd-cubic-async: no bound: the runtime's default completion dispatch", text, StringComparison.Ordinal);
        Assert.Contains("iperf3-udp4-64B: pattern not available in this build", text, StringComparison.Ordinal);
        Assert.Contains("Missed (exit code 3): sockperf-tcp4-pp-64B-split", text, StringComparison.Ordinal);
        Assert.Contains("95% CI of that median: order statistics x(2)..x(9) of 10, coverage 97.9%", text, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT QUOTABLE", text, StringComparison.Ordinal);
        Assert.DoesNotContain("passed", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact(Timeout = 10_000)]
    public void Render_AnAbsoluteFigureInABand_ShowsTheBandAndNoReferenceValue()
    {
        double[] values = [1.01, 0.99, 1.00, 1.02, 1.00, 0.98, 1.00, 1.01, 0.99, 1.00];
        var ci = OrderStatisticInterval.OfMedian(values);
        var bound = CalibrationBound.Within(0.97, 1.03);
        var f = new CalibrationFigureResult(MetricIds.StampSumOverRttMedian, values, [], values, ci.Median, ci.Low, ci.High, ci.Method, CalibrationOutcome.Met)
        { BoundDirection = bound.Direction, BoundValue = bound.Value, BoundHigh = bound.High, Absolute = true };
        var row = new CalibrationResult("stamps-tcp4-pp-64B-split", CalibrationReference.LoopBenchBlocking, "loopbench-blocking", "k", PlacementKind.Split, "default", CalibrationRowOutcome.Of(CalibrationOutcome.Met), null, [f])
        { PairsRequested = 10, Pairs = Pairs(10, 0, outside: 0.5) };
        string text = CalibrationTable.Render([row], 5);
        string line = text.Split('\n').Single(l => l.StartsWith("stamps-tcp4", StringComparison.Ordinal));
        Assert.Matches(@" stampSumOverRttMedian +1\.000 +- +1\.000 +\[\d\.\d{3}, \d\.\d{3}\] +0\.97–1\.03 +met +10/0 ", line);
        Assert.Contains("An absolute figure (ref -) is LoopBench's own value per pair, not a ratio", text, StringComparison.Ordinal);
        Assert.DoesNotContain("An absolute figure", CalibrationTable.Render([Row("r", CalibrationOutcome.Met, ToolFigures.ThroughputBitsPerSecond, 1, 1, CalibrationBound.AtLeast(1), Pairs(2, 0, 0))], 5), StringComparison.Ordinal);

        string json = System.Text.Json.JsonSerializer.Serialize<IReadOnlyList<CalibrationResult>>([row], ResultJson.Options);
        Assert.Contains("\"boundDirection\": \"within\"", json, StringComparison.Ordinal);
        Assert.Contains("\"boundHigh\": 1.03", json, StringComparison.Ordinal);
        Assert.Contains("\"absolute\": true", json, StringComparison.Ordinal);
        var back = Assert.Single(System.Text.Json.JsonSerializer.Deserialize<List<CalibrationResult>>(json, ResultJson.Options)!).Figures.Single();
        Assert.Equal((0.97, 1.03, true), (back.BoundValue!.Value, back.BoundHigh!.Value, back.Absolute!.Value));
    }

    [Fact(Timeout = 10_000)]
    public void Render_ARowShortOfCleanPairs_SaysTheTableIsNotQuotable()
    {
        var busy = Row("iperf3-tcp4-fwd-cubic", CalibrationOutcome.Inconclusive, ToolFigures.ThroughputBitsPerSecond, 9e9, 9e9, CalibrationBound.AtLeast(1.00), Pairs(3, 17, outside: 180))
            with { Reason = "3 clean pairs of 10 after 20 attempts: the host was busy" };
        string text = CalibrationTable.Render([busy], 5);
        Assert.Contains("THIS TABLE IS NOT QUOTABLE: iperf3-tcp4-fwd-cubic could not get their clean pairs (outside load or steal above 5% of one CPU)", text, StringComparison.Ordinal);
        Assert.Contains("Inconclusive (does not fail the exit code", text, StringComparison.Ordinal);
        Assert.Matches(@" inconclusive +3/17 +181\.9/183\.8 ", text);
        Assert.DoesNotContain("every row still has its clean pairs", text, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public void Render_ARowWhoseReferenceSwung_SaysTheTableIsNotQuotable_WithItsSpread()
    {
        var swinging = Row("iperf3-tcp4-fwd-cubic", CalibrationOutcome.Met, ToolFigures.ThroughputBitsPerSecond, 30e9, 29e9, CalibrationBound.AtLeast(1.00), Pairs(10, 0, outside: 0));
        swinging = swinging with { Unsteady = true, Figures = [swinging.Figures[0] with { ReferenceSpreadPercent = 32.5 }] };
        var steady = Row("iperf3-tcp4-fwd-cubic-split", CalibrationOutcome.Met, ToolFigures.ThroughputBitsPerSecond, 30e9, 29e9, CalibrationBound.AtLeast(1.00), Pairs(10, 0, outside: 0));
        steady = steady with { Figures = [steady.Figures[0] with { ReferenceSpreadPercent = 3.1 }] };

        string text = CalibrationTable.Render([swinging, steady], 5, 10);
        Assert.Contains("THIS TABLE IS NOT QUOTABLE: the reference's own figure spread more than 10% in iperf3-tcp4-fwd-cubic (32.5%): the host was not steady", text, StringComparison.Ordinal);
        Assert.DoesNotContain("iperf3-tcp4-fwd-cubic-split (", text, StringComparison.Ordinal);
        Assert.Matches(@" 32\.5\r?$", text.Split('\n').Single(l => l.StartsWith("iperf3-tcp4-fwd-cubic ", StringComparison.Ordinal)));
        Assert.Matches(@" 3\.1\r?$", text.Split('\n').Single(l => l.StartsWith("iperf3-tcp4-fwd-cubic-split ", StringComparison.Ordinal)));
        Assert.DoesNotContain("NOT QUOTABLE", CalibrationTable.Render([steady], 5, 10), StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public void Render_RowsOfFewerThanFourPairs_SayTheTableIsNotQuotable_ForNoSpreadCanShow()
    {
        var few = Row("iperf3-tcp4-fwd-cubic", CalibrationOutcome.Met, ToolFigures.ThroughputBitsPerSecond, 30e9, 29e9, CalibrationBound.AtLeast(1.00), Pairs(3, 0, outside: 0))
            with { PairsRequested = 3 };
        string text = CalibrationTable.Render([few], 5, 10);
        Assert.Contains("THIS TABLE IS NOT QUOTABLE: iperf3-tcp4-fwd-cubic ran fewer than 4 pairs, too few to show whether the host held steady", text, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT QUOTABLE", CalibrationTable.Render([few with { PairsRequested = 4, Pairs = Pairs(4, 0, outside: 0) }], 5, 10), StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public void Render_ARowThatStoppedOnAFailedRun_SaysSo_NotThatTheHostWasBusy()
    {
        var stopped = Row("iperf3-tcp4-fwd-default", CalibrationOutcome.Inconclusive, ToolFigures.ThroughputBitsPerSecond, 9e9, 9e9, CalibrationBound.AtLeast(1.00), Pairs(5, 0, outside: 0))
            with { Note = "iperf3: unable to connect to server: Connection refused" };
        string text = CalibrationTable.Render([stopped], 5);
        Assert.Contains("THIS TABLE IS NOT QUOTABLE: iperf3-tcp4-fwd-default stopped after 5 of 10 pairs (a run failed; the Notes say why)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("outside load", text.Split("THIS TABLE")[1], StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public void ExitCode_MissedIsThree_InconclusiveAloneIsZero()
    {
        var met = Row("a", CalibrationOutcome.Met, ToolFigures.ThroughputBitsPerSecond, 1, 1, CalibrationBound.AtLeast(1), Pairs(10, 0, 0));
        var inconclusive = met with { RowId = "b", Outcome = CalibrationRowOutcome.Of(CalibrationOutcome.Inconclusive) };
        var missed = met with { RowId = "c", Outcome = CalibrationRowOutcome.Of(CalibrationOutcome.Missed) };
        Assert.Equal(0, CalibrateCommand.ExitCodeOf([met, inconclusive], interrupted: false));
        Assert.Equal(3, CalibrateCommand.ExitCodeOf([met, inconclusive, missed], interrupted: false));
        Assert.Equal(130, CalibrateCommand.ExitCodeOf([missed], interrupted: true));
    }

    [Fact(Timeout = 30_000)]
    public void Run_ARowBelowItsBound_IsMissedAndExitsThree_AndRunJsonSaysNoPassed()
    {
        // LoopBench's side is a fake moving 1 Gbit/s; the "tool" (an iperf3 row in name) is sh printing 2 Gbit/s; the host is a fake, quiet one
        var row = new CalibrationRow("synthetic-stream", CalibrationReference.Iperf3, "sh", "dash", [new("transport", "tcp4")], PlacementKind.Unpinned, null,
            [new FigurePair(ToolFigures.ThroughputBitsPerSecond, MetricIds.ThroughputBitsPerSecond, CalibrationBound.AtLeast(1.00))],
            _ => new ToolInvocation(null, ["sh", "-c", "echo 2000000000"]),
            (string o, out IReadOnlyDictionary<string, double> f, out string e) =>
            {
                f = new Dictionary<string, double> { [ToolFigures.ThroughputBitsPerSecond] = double.Parse(o, System.Globalization.CultureInfo.InvariantCulture) };
                e = string.Empty;
                return true;
            });
        var runner = new CalibrationRunner(new FakeRepetitions((_, _) => 1e9), [0, 1], FakeCpuSource.Constant(2));
        var (cases, results) = runner.Run([row], new CalibrationOptions { Pairs = 6 }, TestContext.Current.CancellationToken);

        var result = Assert.Single(results);
        Assert.Equal(CalibrationRowOutcome.Of(CalibrationOutcome.Missed), result.Outcome);
        Assert.Equal(6, result.Pairs.Count);
        Assert.Equal(0.5, Assert.Single(result.Figures).Ratio);
        Assert.Equal(3, CalibrateCommand.ExitCodeOf(results, interrupted: false));
        var run = new RunResult(RunResult.CurrentSchemaVersion, "20261123T000000Z-abcdef", new ToolInfo("loopbench", "test"), ResultJsonFixture.Environment(), cases)
        { Calibration = results };
        string calibration = System.Text.Json.JsonSerializer.Serialize(run.Calibration, ResultJson.Options);
        Assert.DoesNotContain("passed", calibration, StringComparison.Ordinal);
        Assert.Contains("\"outsidePercentOfOneCpu\": 2,", calibration, StringComparison.Ordinal);
        Assert.Contains("\"tool\": \"iperf3\",", calibration, StringComparison.Ordinal); // the reference's id, not its member name or number
    }

    [Fact(Timeout = 30_000)]
    public void Run_AReferenceThatSwingsPairToPair_MarksTheRowUnsteady_ThoughTheGateSawAQuietHost()
    {
        // the "tool" moves 1 Gbit/s and 2 Gbit/s on alternate runs; LoopBench's fake side and the host are steady
        using var temp = new TempDirectory();
        string counter = Path.Combine(temp.Path, "n");
        var row = new CalibrationRow("synthetic-swing", CalibrationReference.Iperf3, "sh", "dash", [new("transport", "tcp4")], PlacementKind.Unpinned, null,
            [new FigurePair(ToolFigures.ThroughputBitsPerSecond, MetricIds.ThroughputBitsPerSecond, CalibrationBound.AtLeast(1.00))],
            _ => new ToolInvocation(null, ["sh", "-c", $"n=$(cat {counter} 2>/dev/null || echo 0); echo $((n+1)) > {counter}; echo $(( (n % 2 + 1) * 1000000000 ))"]),
            (string o, out IReadOnlyDictionary<string, double> f, out string e) =>
            {
                f = new Dictionary<string, double> { [ToolFigures.ThroughputBitsPerSecond] = double.Parse(o, System.Globalization.CultureInfo.InvariantCulture) };
                e = string.Empty;
                return true;
            });
        var runner = new CalibrationRunner(new FakeRepetitions((_, _) => 1.5e9), [0, 1], FakeCpuSource.Constant(0));
        var (_, results) = runner.Run([row], new CalibrationOptions { Pairs = 6, MaxReferenceSpreadPercent = 10 }, TestContext.Current.CancellationToken);

        var result = Assert.Single(results);
        Assert.All(result.Pairs, p => Assert.False(p.Disturbed));
        Assert.Equal(66.7, Assert.Single(result.Figures).ReferenceSpreadPercent);
        Assert.True(result.Unsteady);
        var calm = runner.Run([row], new CalibrationOptions { Pairs = 6, MaxReferenceSpreadPercent = 70 }, TestContext.Current.CancellationToken).Rows.Single();
        Assert.Null(calm.Unsteady);
    }

    [Fact(Timeout = 10_000)]
    public void RunFileWriter_WritesRunJsonThatReadsBack()
    {
        string dir = Directory.CreateTempSubdirectory("lb-cal-").FullName;
        try
        {
            var run = new RunResult(RunResult.CurrentSchemaVersion, "20261123T000000Z-abcdef", new ToolInfo("loopbench", "test"),
                LoopBench.Core.Running.EnvironmentProbe.Capture(), [])
            {
                Calibration = [Row("r", CalibrationOutcome.Met, ToolFigures.ThroughputBitsPerSecond, 1, 1, CalibrationBound.AtLeast(1), Pairs(2, 1, 3))],
            };
            string path = RunFileWriter.Write(dir, run);
            Assert.Equal(Path.Combine(dir, run.RunId, "run.json"), path);
            var back = Assert.Single(ResultJson.Deserialize(File.ReadAllText(path)).Calibration!);
            Assert.Equal("r", back.RowId);
            Assert.Equal([false, false, true], back.Pairs.Select(p => p.Disturbed));
            Assert.Equal(BoundDirection.AtLeast, back.Figures.Single().BoundDirection);
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static CalibrationResult Row(string id, CalibrationOutcome outcome, string figure, double lb, double tool, CalibrationBound? bound, List<CalibrationPairResult> pairs)
    {
        int clean = pairs.Count(p => !p.Disturbed);
        var lbValues = Enumerable.Repeat(lb, clean).ToList();
        var toolValues = Enumerable.Repeat(tool, clean).ToList();
        var ci = OrderStatisticInterval.OfMedian(lbValues.Zip(toolValues, (a, b) => a / b).ToList());
        var f = new CalibrationFigureResult(figure, lbValues, toolValues, [.. Enumerable.Repeat(lb / tool, clean)], ci.Median, ci.Low, ci.High,
            ci.Method, outcome)
        { BoundDirection = bound?.Direction, BoundValue = bound?.Value, ReferenceSpreadPercent = ReferenceSteadiness.SpreadPercent(toolValues) };
        return new CalibrationResult(id, CalibrationReference.Iperf3, "iperf3 -c 127.0.0.1", "k", PlacementKind.Unpinned, "cubic", CalibrationRowOutcome.Of(outcome), null, [f]) { PairsRequested = 10, Pairs = pairs };
    }

    private static List<CalibrationPairResult> Pairs(int clean, int disturbed, double outside) =>
        Enumerable.Range(0, clean + disturbed).Select(i => new CalibrationPairResult(i, i % 2 == 0, i, new Dictionary<string, double>(),
            new HostLoad(outside + (i * 0.2), 0), i >= clean)).ToList();
}
