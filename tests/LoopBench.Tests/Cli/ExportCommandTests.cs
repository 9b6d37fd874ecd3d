using LoopBench.Tests.Core.Results.Export;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Cli;

public sealed class ExportCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("csv", "run_id,host,case_key")]
    [InlineData("gab", "\"unit\": \"bit/s\"")]
    [InlineData("bencher", "\"throughput-bits-per-second\"")]
    [InlineData("openmetrics", "# EOF")]
    public void EachFormat_WritesToStdout(string format, string expected)
    {
        string run = SyntheticRuns.Write(_dir.Path, ExporterGoldenTests.Fixture());
        var (code, stdout, stderr) = CliHarness.Run("export", run, "--format", format);
        Assert.True(code == 0, stderr);
        Assert.Contains(expected, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_IsWrittenToTheFile_AndBadInputExitsTwo()
    {
        string run = SyntheticRuns.Write(_dir.Path, ExporterGoldenTests.Fixture());
        string prom = Path.Combine(_dir.Path, "loopbench.prom");
        Assert.Equal(0, CliHarness.Run("export", Path.GetDirectoryName(run)!, "--format", "openmetrics", "-o", prom).ExitCode);
        Assert.EndsWith("# EOF\n", File.ReadAllText(prom), StringComparison.Ordinal);

        var bad = CliHarness.Run("export", run, "--format", "xml");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("valid: csv, gab, bencher, openmetrics", bad.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, CliHarness.Run("export", Path.Combine(_dir.Path, "nope"), "--format", "csv").ExitCode);
        Assert.Equal(2, CliHarness.Run("export", run, "--format", "gab", "--better", "sideways").ExitCode);
    }
}
