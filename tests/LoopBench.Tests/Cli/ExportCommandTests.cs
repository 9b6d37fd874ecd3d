using System.Net;
using System.Net.Sockets;
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
        var sideways = CliHarness.Run("export", run, "--format", "gab", "--better", "sideways");
        Assert.Equal(2, sideways.ExitCode);
        Assert.Contains("--better: unknown direction 'sideways'; valid: higher, lower", sideways.Stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public void FormatOrPush_IsRequired_AndPushTakesAnHttpUrl()
    {
        string run = SyntheticRuns.Write(_dir.Path, ExporterGoldenTests.Fixture());
        var neither = CliHarness.Run("export", run);
        Assert.Equal(2, neither.ExitCode);
        Assert.Contains("--format, --push, or both", neither.Stderr, StringComparison.Ordinal);
        var bad = CliHarness.Run("export", run, "--push", "pushgateway:9091");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("is not a Pushgateway URL", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    [Trait(Traits.Category, Traits.Loopback)]
    public void Push_ToNoGateway_ExitsOne_NamingTheUrl_AfterWritingTheFile()
    {
        string run = SyntheticRuns.Write(_dir.Path, ExporterGoldenTests.Fixture());
        int port;
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)socket.LocalEndPoint!).Port; // released at once: nothing listens there, so connects are refused
        }

        string prom = Path.Combine(_dir.Path, "loopbench.prom");
        var (code, _, stderr) = CliHarness.Run("export", run, "--format", "openmetrics", "-o", prom, "--push", $"http://127.0.0.1:{port}");
        Assert.Equal(1, code);
        Assert.Contains($"push to http://127.0.0.1:{port}/metrics/job/loopbench/host/bench-1/scenario/quick failed: ", stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(prom));
    }
}
