using LoopBench.Cli.Commands;
using LoopBench.Core.Calibration;
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
        Assert.Contains("sockperf-udp4-pp-64B-split", stdout, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public void BadReps_IsBadInput()
    {
        var (code, _, stderr) = CliHarness.Run("calibrate", "--reps", "0");
        Assert.Equal(2, code);
        Assert.Contains("--reps", stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public void Render_PassedAndSkippedRows_ShowsRatioIntervalAndReason()
    {
        double[] lb = [9.0e9, 9.2e9, 9.1e9, 8.9e9, 9.0e9];
        double[] tool = [9.3e9, 9.4e9, 9.2e9, 9.3e9, 9.5e9];
        var ratio = BootstrapRatio.OfMedians(lb, tool);
        var rows = new[]
        {
            new CalibrationResult("iperf3-tcp4-fwd-cubic", "iperf3", "iperf3 -c 127.0.0.1", "k", "unpinned", "cubic", Outcomes.Passed, null,
                [new CalibrationFigureResult(ToolFigures.ThroughputBitsPerSecond, lb, tool, ratio.Ratio, ratio.Low, ratio.High, ratio.Method)]),
            new CalibrationResult("iperf3-udp4-64B", "iperf3", null, null, "unpinned", "default", CalibrationRunner.SkippedPatternUnavailable,
                "pattern not available in this build: unknown transport 'udp4'", []),
        };
        string text = CalibrateCommand.Render(rows);
        Assert.Contains("9.00", text, StringComparison.Ordinal);
        Assert.Contains("9.30", text, StringComparison.Ordinal);
        Assert.Contains("0.968", text, StringComparison.Ordinal);
        Assert.Contains("skipped:pattern-unavailable", text, StringComparison.Ordinal);
        Assert.Contains("iperf3-udp4-64B: pattern not available in this build", text, StringComparison.Ordinal);
        Assert.Contains("bootstrap percentile 95% CI of the ratio of medians", text, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public void Render_APercentileShortOnOneSide_ShowsOnlyTheSideThatHasIt()
    {
        double[] lb = [21_000, 22_000], tool = [20_000, 23_000];
        var p50 = BootstrapRatio.OfMedians(lb, tool);
        var rows = new[]
        {
            new CalibrationResult("sockperf-row", "sockperf", null, "k", "same-cpu", "default", Outcomes.Passed, null,
            [
                new CalibrationFigureResult(ToolFigures.RttP50Ns, lb, tool, p50.Ratio, p50.Low, p50.High, p50.Method),
                new CalibrationFigureResult(ToolFigures.RttP999Ns, lb, tool, null, null, null, null) { Note = "tool: fewest round trips in a repetition 3000" },
                new CalibrationFigureResult(ToolFigures.RttP99Ns, lb, tool, null, null, null, null)
                { LoopBenchShortOfSamples = true, Note = "LoopBench: 900 round trips over 2 repetitions, p99 needs 1000: not meaningful" },
            ]),
        };

        var lines = CalibrateCommand.Render(rows).Split('\n');
        Assert.Matches(@"rttP999Ns +21\.50 +21\.50 ", lines.Single(l => l.StartsWith("sockperf-row", StringComparison.Ordinal) && l.Contains(" rttP999Ns ", StringComparison.Ordinal))); // LoopBench's median stands
        Assert.Matches(@"rttP99Ns +- +21\.50 ", lines.Single(l => l.StartsWith("sockperf-row", StringComparison.Ordinal) && l.Contains(" rttP99Ns ", StringComparison.Ordinal))); // LoopBench has no figure
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
                Calibration = [new CalibrationResult("r", "iperf3", null, null, "unpinned", "default", Outcomes.Passed, null, [])],
            };
            string path = RunFileWriter.Write(dir, run);
            Assert.Equal(Path.Combine(dir, run.RunId, "run.json"), path);
            var back = ResultJson.Deserialize(File.ReadAllText(path));
            Assert.Equal("r", Assert.Single(back.Calibration!).RowId);
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
