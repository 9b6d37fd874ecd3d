using System.Text.Json;
using LoopBench.Cli;
using LoopBench.Core.Measurement;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Cli;

public sealed class QuickCommandTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("--version")]
    [InlineData("quick", "--help")]
    public void HelpAndVersion_ExitZero(params string[] args)
    {
        var (code, stdout, _) = CliHarness.Run(args);
        Assert.Equal(0, code);
        Assert.Contains("loopbench", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsEveryPattern_FromTheKinds()
    {
        var (code, stdout, stderr) = CliHarness.Run("quick", "--help");
        string help = stdout + stderr;
        Assert.Equal(0, code);
        Assert.Contains("rr-under-load, sendfile or cc. Default:", help.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("quick --transport sctp", "--transport", "valid: tcp4, tcp6, udp4, udp6, unix-stream, unix-dgram, unix-seqpacket")]
    [InlineData("quick --pattern bulk", "--pattern", "valid: stream, rr, reverse, bidir, crr, rr-under-load")]
    [InlineData("quick --placement pinned", "--placement", "valid: unpinned, same-cpu, split")]
    [InlineData("quick -t 0", "-t/--time", "must be positive")]
    [InlineData("quick -t -5", "-t/--time", "must be positive")]
    [InlineData("quick -l 0", "-l/--length", "1 B to 64 MiB")]
    [InlineData("quick -l 65M", "-l/--length", "1 B to 64 MiB")]
    [InlineData("quick --bind 10.0.0.1", "-B/--bind", "not a loopback address")]
    [InlineData("quick --bind 0.0.0.0", "-B/--bind", "not a loopback address")]
    [InlineData("quick --no-such-flag", "no-such-flag", "unknown option")]
    [InlineData("frobnicate", "frobnicate", "valid: quick")]
    [InlineData("quick -n 1M --warmup 1s", "--warmup", "no warm-up")]
    [InlineData("quick --pattern rr -k 100 --warmup 200ms", "--warmup", "-k measures the whole transfer")]
    [InlineData("quick -n 2 -P 3", "-n/--bytes", "use -n 3 or more")]
    [InlineData("quick --pattern rr -k 2 -P 3", "-k/--transactions", "use -k 3 or more")]
    public void BadInput_ExitsTwo_NamingTheFlag(string commandLine, string flag, string hint)
    {
        var (code, stdout, stderr) = CliHarness.Run(commandLine.Split(' '));
        Assert.Equal(2, code);
        Assert.Contains(flag, stderr, StringComparison.Ordinal);
        Assert.Contains(hint, stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Fact(Timeout = 20_000)]
    [Trait(Traits.Category, Traits.Loopback)]
    public void Json_IsAVersionedDocumentWithPercentilesAndSampleCount()
    {
        var (code, stdout, stderr) = CliHarness.Run("quick", "--transport", "unix-stream", "--pattern", "rr", "-t", "300ms", "--warmup", "50ms", "-i", "100ms", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout); // progress never reaches stdout with --json
        var rep = doc.RootElement.GetProperty("cases")[0].GetProperty("repetitions")[0];
        Assert.True(rep.GetProperty("latency").GetProperty("samples").GetInt64() > 20);
        Assert.True(rep.GetProperty("latency").GetProperty("p50Ns").GetDouble() > 0);
        Assert.True(rep.GetProperty("metrics").GetProperty("rttP50Ns").GetDouble() > 0);
        Assert.Contains("Interval", stderr, StringComparison.Ordinal);
        var tool = doc.RootElement.GetProperty("tool"); // the build's commit, as run's documents carry it
        Assert.Equal(VersionInfo.Commit, tool.TryGetProperty("commit", out var commit) ? commit.GetString() : null);
    }

    [Theory(Timeout = 20_000)]
    [Trait(Traits.Category, Traits.Loopback)]
    [InlineData("-n", "3M", "1", 3L * 1024 * 1024)]
    [InlineData("-n", "1000001", "3", 1_000_001L)]
    [InlineData("-R", "1000001", "3", 1_000_001L)]
    public void Json_ByteLimit_BothEndsReportExactlyN(string mode, string bytes, string parallel, long n)
    {
        string[] reverse = mode == "-R" ? ["-R"] : [];
        var (code, stdout, stderr) = CliHarness.Run(["quick", "-n", bytes, "-P", parallel, "-l", "64K", "-i", "0", "--json", .. reverse]);
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var c = doc.RootElement.GetProperty("cases")[0];
        var rep = c.GetProperty("repetitions")[0];
        Assert.Equal(n, rep.GetProperty("metrics").GetProperty("bytes").GetInt64());
        Assert.Equal(n, rep.GetProperty("metrics").GetProperty("sentBytes").GetInt64());
        Assert.Equal("count", rep.GetProperty("endedBy").GetString());
        Assert.Contains("warmup=0s", c.GetProperty("key").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_IsTheBuildsGitRevision_MarkedDirtyWhenTheTreeWasNot()
    {
        Assert.SkipWhen(!Path.Exists(RepoFiles.PathOf(".git")), "built outside a git work tree: the build records no commit");
        Assert.Matches(@"^[0-9a-f]{40}(\.dirty)?$", VersionInfo.Commit);
        Assert.Equal(VersionInfo.Commit, VersionInfo.Tool().Commit);
    }

    [Fact(Timeout = 20_000)]
    [Trait(Traits.Category, Traits.Loopback)]
    public void Table_ShowsStreamThroughputAndTheCongestionControl()
    {
        var (code, stdout, _) = CliHarness.Run("quick", "-t", "300ms", "--warmup", "50ms", "-l", "64K");
        Assert.Equal(0, code);
        Assert.Contains("Gbit/s", stdout, StringComparison.Ordinal);
        Assert.Contains("msgs/s", stdout, StringComparison.Ordinal);
        Assert.Contains(File.ReadAllText("/proc/sys/net/ipv4/tcp_congestion_control").Trim(), stdout, StringComparison.Ordinal);
        Assert.Contains("outcome  passed", stdout, StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    [Trait(Traits.Category, Traits.Loopback)]
    public void PortInUse_ExitsOne_WithAClearError()
    {
        using var holder = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        holder.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        holder.Listen();
        string port = ((System.Net.IPEndPoint)holder.LocalEndPoint!).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (code, _, stderr) = CliHarness.Run("quick", "-t", "300ms", "-p", port);
        Assert.Equal(1, code);
        Assert.Contains("already in use", stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    [Trait(Traits.Category, Traits.Loopback)]
    public void Json_OfAPacedUdpStream_CarriesLossFlowsAndOneWayDelay_AndReadsBack()
    {
        var (code, stdout, _) = CliHarness.Run("quick", "--transport", "udp4", "--pps", "5k", "-l", "200", "-P", "2", "-t", "300ms", "--warmup", "50ms", "-i", "0", "--json");
        Assert.Equal(0, code);
        var run = LoopBench.Core.Results.ResultJson.Deserialize(stdout);
        var rep = Assert.Single(run.Cases[0].Repetitions);
        Assert.Equal(LatencyKind.OneWay, rep.LatencyKind);
        Assert.Equal(2, rep.Flows!.Count);
        Assert.InRange(rep.Metrics["lossRatio"], 0, 1); // zero on a quiet machine; a starved receiver may overflow
        Assert.True(rep.Metrics["datagramsReceived"] <= rep.Metrics["datagramsSent"]);
        Assert.Equal(10_000, rep.Metrics["targetPacketsPerSecond"]);
        Assert.True(rep.Metrics["jitterNs"] >= 0);
        Assert.Contains("pps=5000", run.Cases[0].Key, StringComparison.Ordinal);
    }

    [Theory(Timeout = 20_000)]
    [Trait(Traits.Category, Traits.Loopback)]
    [InlineData("--pattern", "crr", "conns/s")]
    [InlineData("--pattern", "cc", "conns/s")]
    [InlineData("--transport", "unix-dgram", "AF_UNIX never drops")]
    [InlineData("--bidir", "--bidir-mode", "bidir    c2s")]
    public void Table_CoversEveryPattern(string flag, string value, string expected)
    {
        string[] args = flag == "--bidir" ? ["quick", flag, value, "shared"] : ["quick", flag, value];
        var (code, stdout, _) = CliHarness.Run([.. args, "-t", "300ms", "--warmup", "50ms", "-i", "0"]);
        Assert.Equal(0, code);
        Assert.Contains(expected, stdout, StringComparison.Ordinal);
        Assert.Contains("outcome  passed", stdout, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public void Reps_RunsTheCaseNTimes_AndCarriesTheSummaries()
    {
        var (code, stdout, stderr) = CliHarness.Run("quick", "--transport", "unix-stream", "--reps", "3", "-t", "200ms", "--warmup", "50ms", "-i", "0", "--json");
        Assert.True(code == 0, stderr);
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        var c = doc.RootElement.GetProperty("cases")[0];
        Assert.Equal(3, c.GetProperty("repetitions").GetArrayLength());
        Assert.Equal("throughputBitsPerSecond", c.GetProperty("primaryMetric").GetString());
        Assert.Equal(3, c.GetProperty("summaries").GetProperty("throughputBitsPerSecond").GetProperty("count").GetInt32());

        var (tableCode, table, _) = CliHarness.Run("quick", "--transport", "unix-stream", "--reps", "2", "-t", "200ms", "--warmup", "50ms", "-i", "0");
        Assert.Equal(0, tableCode);
        Assert.Contains("summary  throughputBitsPerSecond over 2 repetitions: median", table, StringComparison.Ordinal);
    }
}
