using LoopBench.Core.History;
using LoopBench.Core.Results;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Plotting;

/// <summary>The plot and report verbs over run files: outputs, bad input (exit 2) and the run verb's report and history.</summary>
[Collection(RenderingCollection.Name)]
public sealed class PlotCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("sweep.png", "sweep")]
    [InlineData("bar.svg", "bar", "--chart", "bar", "--x", "len", "--series", "transport")]
    [InlineData("reps.png", "reps", "--chart", "reps", "--case", "tcp4")]
    [InlineData("ts.png", "timeseries", "--chart", "timeseries", "--case", "unix-stream,len=4096")]
    public void Plot_WritesTheChart(string file, string kind, params string[] flags)
    {
        string run = SyntheticRuns.Write(_dir.Path, PlotFixtures.SizeSweep());
        string output = Path.Combine(_dir.Path, file);
        var (code, stdout, stderr) = CliHarness.Run(["plot", run, .. flags, "--out", output]);
        Assert.True(code == 0, stderr);
        Assert.Contains($"{kind}: {output}", stdout, StringComparison.Ordinal);
        Assert.True(new FileInfo(output).Length > 10_000);
    }

    [Fact]
    public void Plot_WithoutOut_WritesBesideTheRun()
    {
        string run = SyntheticRuns.Write(_dir.Path, PlotFixtures.SizeSweep());
        var (code, _, stderr) = CliHarness.Run("plot", Path.GetDirectoryName(run)!, "--chart", "bar");
        Assert.True(code == 0, stderr);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(run)!, "bar.png")));
    }

    [Fact]
    public void Plot_LastLabel_WithoutOut_WritesIntoThatRunsDirectory()
    {
        string run = SyntheticRuns.Write(_dir.Path, PlotFixtures.SizeSweep());
        string history = RecordInHistory(run, run);
        var (code, stdout, stderr) = CliHarness.Run("plot", "last:test", "--history", history, "--chart", "bar");
        Assert.True(code == 0, stderr);
        string expected = Path.Combine(Path.GetDirectoryName(run)!, "bar.png");
        Assert.Contains($"bar: {expected}", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(expected));

        (code, _, stderr) = CliHarness.Run("report", "last:test", "--history", history);
        Assert.True(code == 0, stderr);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(run)!, "report.html")));
    }

    [Fact]
    public void Plot_LastLabel_WhoseDirectoryIsGone_ExitTwo_UnlessOutIsGiven()
    {
        string run = SyntheticRuns.Write(_dir.Path, PlotFixtures.SizeSweep());
        string history = RecordInHistory(run, Path.Combine(_dir.Path, "moved", "run.json"));
        Directory.Delete(Path.GetDirectoryName(run)!, recursive: true);
        var (code, _, stderr) = CliHarness.Run("plot", "last:test", "--history", history);
        Assert.Equal(2, code);
        Assert.Contains("'last:test': run 20261123T100000Z-aaaa is no longer where the history recorded it", stderr, StringComparison.Ordinal);
        Assert.Contains("pass --out FILE", stderr, StringComparison.Ordinal);

        string output = Path.Combine(_dir.Path, "chosen.png");
        (code, _, stderr) = CliHarness.Run("plot", "last:test", "--history", history, "--out", output);
        Assert.True(code == 0, stderr);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void Plot_OfAMixedRun_NamesTheCasesLeftOut_AndTheFileAfterTheKindDrawn()
    {
        var mixed = SyntheticRuns.Run("20261123T140000Z-eeee", [.. PlotFixtures.SizeSweep().Cases, .. PlotFixtures.Placements().Cases]);
        string dir = Path.GetDirectoryName(SyntheticRuns.Write(_dir.Path, mixed))!;
        var (code, stdout, stderr) = CliHarness.Run("plot", dir);
        Assert.True(code == 0, stderr);
        Assert.Contains($"sweep: {Path.Combine(dir, "sweep.png")}", stdout, StringComparison.Ordinal);
        Assert.Contains("6 of 14 cases are not in this chart: throughputBitsPerSecond is not their main figure; draw them with --metric transactionsPerSecond", stderr, StringComparison.Ordinal);

        (code, _, stderr) = CliHarness.Run("plot", dir, "--metric", "transactionsPerSecond");
        Assert.True(code == 0, stderr);
        Assert.True(File.Exists(Path.Combine(dir, "bar-transactionsPerSecond.png")));
        Assert.True(File.Exists(Path.Combine(dir, "sweep.png"))); // the first chart is still there
        Assert.Contains("8 of 14 cases are not in this chart", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--chart pie", "--chart: unknown chart 'pie'; valid: bar, sweep, percentiles, cdf, timeseries, reps")]
    [InlineData("--metric rttP99Ns", "metric 'rttP99Ns' is not in this run; valid: throughputBitsPerSecond, bytes")]
    [InlineData("--chart cdf", "no case recorded a latency histogram")]
    [InlineData("--x mtu", "--x mtu: no such parameter in these cases; valid: transport, pattern")]
    [InlineData("--case udp6", "--case 'udp6' matches none of the 8 passing cases")]
    [InlineData("--out chart.jpg", "use a .png or .svg file")]
    [InlineData("--chart sweep --x len --case len=512", "sweep of len: every case drawn has len=512, and one value is not a sweep; draw them with --chart bar, or sweep with a run whose matrix gives len two or more values")]
    public void Plot_BadInput_ExitTwo_SayingWhatIsValid(string flags, string expected)
    {
        string run = SyntheticRuns.Write(_dir.Path, PlotFixtures.SizeSweep());
        string[] split = flags.Split(' ');
        if (split[0] == "--out")
        {
            split[1] = Path.Combine(_dir.Path, split[1]);
        }

        var (code, _, stderr) = CliHarness.Run(["plot", run, .. split, .. split[0] == "--out" ? Array.Empty<string>() : ["--out", Path.Combine(_dir.Path, "x.png")]]);
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "x.png")));
    }

    /// <summary>Records <paramref name="run"/> with label "test" in a history under the temp directory, as read from <paramref name="recordedAs"/>.</summary>
    private string RecordInHistory(string run, string recordedAs)
    {
        string history = Path.Combine(_dir.Path, "history", HistoryStore.FileName);
        using var store = new HistoryStore(history);
        store.Record(RunFileReader.Read(run), "test", recordedAs);
        return history;
    }

    [Fact]
    public void Plot_NoPassingCase_ExitTwo_NoImage()
    {
        string run = SyntheticRuns.Write(_dir.Path, PlotFixtures.NonePassed());
        string output = Path.Combine(_dir.Path, "x.png");
        var (code, _, stderr) = CliHarness.Run("plot", run, "--out", output);
        Assert.Equal(2, code);
        Assert.Contains("has no passing case", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Plot_MissingRun_ExitTwo()
    {
        var (code, _, stderr) = CliHarness.Run("plot", Path.Combine(_dir.Path, "nothing.json"));
        Assert.Equal(2, code);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_WithCompare_WritesOneSelfContainedPage()
    {
        string baseline = SyntheticRuns.Write(_dir.Path, PlotFixtures.SizeSweep("20261123T100000Z-base"));
        string candidate = SyntheticRuns.Write(_dir.Path, PlotFixtures.SizeSweep("20261123T100500Z-cand", factor: 0.8, seed: 999));
        var (code, stdout, stderr) = CliHarness.Run("report", candidate, "--compare", baseline);
        Assert.True(code == 0, stderr);
        string report = Path.Combine(Path.GetDirectoryName(candidate)!, "report.html");
        Assert.Contains(report, stdout, StringComparison.Ordinal);
        string html = File.ReadAllText(report);
        RunReportTests.AssertSelfContained(html);
        Assert.Contains("regression", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_NoPassingCase_SaysSo()
    {
        string run = SyntheticRuns.Write(_dir.Path, PlotFixtures.NonePassed());
        string output = Path.Combine(_dir.Path, "r.html");
        var (code, _, stderr) = CliHarness.Run("report", run, "--out", output);
        Assert.True(code == 0, stderr);
        Assert.Contains("No case passed", File.ReadAllText(output), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_BaselineWithoutCommonCase_ExitTwo()
    {
        string baseline = SyntheticRuns.Write(_dir.Path, PlotFixtures.Placements());
        string candidate = SyntheticRuns.Write(_dir.Path, PlotFixtures.SizeSweep());
        var (code, _, stderr) = CliHarness.Run("report", candidate, "--compare", baseline, "--out", Path.Combine(_dir.Path, "r.html"));
        Assert.Equal(2, code);
        Assert.Contains("no case in common", stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    [Trait(Traits.Category, Traits.Loopback)]
    public void Run_WritesReportHtml_AndRecordsTheRunInTheHistory()
    {
        string scenario = Path.Combine(_dir.Path, "s.yaml");
        File.WriteAllText(scenario, "name: t\nrepetitions: 2\ndefaults:\n  time: 200ms\n  warmup: 50ms\n  interval: 100ms\nmatrix:\n  transport: [tcp4]\n  length: [1K, 16K]\n");
        string results = Path.Combine(_dir.Path, "results");
        var (code, stdout, stderr) = CliHarness.Run("run", scenario, "--out", results, "--label", "plot-test");
        Assert.True(code == 0, stderr);
        string directory = Directory.GetDirectories(results).Single();
        string html = File.ReadAllText(Path.Combine(directory, "report.html"));
        RunReportTests.AssertSelfContained(html);
        Assert.Contains("report: ", stdout, StringComparison.Ordinal);
        using var history = new HistoryStore(Path.Combine(results, HistoryStore.FileName));
        Assert.Equal("plot-test", Assert.Single(history.Runs()).Label);

        var (again, _, stderr2) = CliHarness.Run("run", scenario, "--out", results, "--no-report");
        Assert.True(again == 0, stderr2);
        Assert.Single(Directory.GetDirectories(results), d => !File.Exists(Path.Combine(d, "report.html")));
    }
}
