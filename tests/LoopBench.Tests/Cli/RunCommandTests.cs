using System.Text.Json;
using LoopBench.Core.Results;
using LoopBench.Tests.Fixtures;
using NJsonSchema;

namespace LoopBench.Tests.Cli;

public sealed class RunCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lb-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Scenario(string yaml)
    {
        string path = Path.Combine(_dir, "s.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Theory]
    [InlineData("matrix:\n  tranport: [tcp4]\n", "s.yaml:2:3: unknown parameter 'tranport' (did you mean 'transport'?)")]
    [InlineData("matrix:\n  transport: [tcp4\n", "s.yaml:")]
    [InlineData("defaults:\n  length: 0\n", "s.yaml:2:11: length: 0 bytes is out of range")]
    [InlineData("matrix:\n  pattern: [rr]\nexclude:\n  - { pattern: rr }\n", "expands to zero cases")]
    public void InvalidScenario_RunsNothing_ExitTwo(string yaml, string expected)
    {
        string path = Scenario(yaml);
        var (code, stdout, stderr) = CliHarness.Run("run", path, "--out", Path.Combine(_dir, "results"));
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was run", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
        Assert.False(Directory.Exists(Path.Combine(_dir, "results")));
    }

    [Fact(Timeout = 30_000)]
    public void Resume_OfARunAnotherWriterHolds_ExitsTwoNamingItsPid()
    {
        string root = Path.Combine(_dir, "results");
        string runId = RunIds.New(DateTimeOffset.UtcNow);
        string directory = new ResultStore(root).Create(runId);
        var started = FakeRepetitions.Started(1, FakeRepetitions.Settings(repetitions: 2)) with { RunId = runId };
        using var writer = RunRecorder.Start(directory, started);

        var (code, _, stderr) = CliHarness.Run("run", "--resume", runId, "--out", root);

        Assert.Equal(2, code);
        Assert.Contains($"being written by process {Environment.ProcessId}", stderr, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(Path.Combine(directory, ResultStore.EventsFile))); // nothing was appended
    }

    [Theory]
    [InlineData("no-such.yaml", "no such scenario file")]
    [InlineData("--filter nothing-matches", "matches none of the")]
    [InlineData("--set tme=1s", "--set: unknown parameter 'tme' (did you mean 'time'?)")]
    [InlineData("--set time", "is not key=value")]
    [InlineData("--reps 0", "--reps: 0 is out of range")]
    [InlineData("--until-ci 95", "--until-ci: '95' is not LEVEL,WIDTH")]
    [InlineData("--resume 20260101T000000Z-000000", "no run '20260101T000000Z-000000'")]
    public void BadFlags_ExitTwo(string flags, string expected)
    {
        string path = Scenario("matrix:\n  transport: [tcp4]\n");
        var args = new List<string> { "run" };
        if (!flags.StartsWith("--resume", StringComparison.Ordinal))
        {
            args.Add(flags.StartsWith("no-such", StringComparison.Ordinal) ? Path.Combine(_dir, "no-such.yaml") : path);
        }

        args.AddRange(flags.StartsWith("no-such", StringComparison.Ordinal) ? [] : flags.Split(' ', 2) is [var f, var v] ? [f, v] : [flags]);
        args.AddRange(["--out", Path.Combine(_dir, "results")]);
        var (code, _, stderr) = CliHarness.Run([.. args]);
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public void Filter_PicksCasesBeforeSet_SoASetTheOthersRefuseApplies()
    {
        string path = Scenario("name: t\ndefaults:\n  time: 200ms\nmatrix:\n  transport: [tcp4, unix-stream]\n");
        var (unfiltered, _, refused) = CliHarness.Run("run", path, "--set", "congestion=cubic", "--dry-run");
        Assert.Equal(2, unfiltered);
        Assert.Contains("unix-stream is not TCP", refused, StringComparison.Ordinal);

        var (code, stdout, stderr) = CliHarness.Run("run", path, "--filter", "tcp4", "--set", "congestion=cubic", "--dry-run");
        Assert.True(code == 0, stderr);
        Assert.Contains("tcp4 stream", stdout, StringComparison.Ordinal);
        Assert.Contains("congestion=cubic", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("unix-stream", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void BigMatrix_NeedsYes_DryRunListsAndEstimates()
    {
        string path = Scenario("matrix:\n  length: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]\n  time: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n");
        var (code, _, stderr) = CliHarness.Run("run", path, "--out", Path.Combine(_dir, "results"));
        Assert.Equal(2, code);
        Assert.Contains("expands to 110 cases, more than 100; pass --yes", stderr, StringComparison.Ordinal);

        var (dry, stdout, _) = CliHarness.Run("run", path, "--dry-run", "--reps", "2");
        Assert.Equal(0, dry);
        Assert.Contains("110 cases x 2 repetitions = 220 repetitions, estimated", stdout, StringComparison.Ordinal);
        Assert.Contains("tcp4 stream blocking unpinned bind=127.0.0.1 len=11 nodelay=off t=10s", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--quick", "2 cases x 5 repetitions")]
    [InlineData("--reps 7", "2 cases x 7 repetitions")]
    [InlineData("--filter unix", "1 cases x 4 repetitions")]
    [InlineData("--set transport=tcp6", "1 cases x 4 repetitions")]
    [InlineData("--until-ci 95,2 --max-reps 12", "(up to ")]
    public void DryRun_HonoursRepetitionFlags(string flags, string expected)
    {
        string path = Scenario("repetitions: 4\nmatrix:\n  transport: [tcp4, unix-stream]\n");
        var (code, stdout, stderr) = CliHarness.Run(["run", path, "--dry-run", .. flags.Split(' ')]);
        Assert.True(code == 0, stderr);
        Assert.Contains(expected, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void UnwritableResultsDirectory_ExitTwo_NamingIt()
    {
        string blocker = Path.Combine(_dir, "file");
        File.WriteAllText(blocker, "x");
        string path = Scenario("matrix:\n  transport: [tcp4]\n");
        var (code, _, stderr) = CliHarness.Run("run", path, "--out", blocker);
        Assert.Equal(2, code);
        Assert.Contains("--out: results directory", stderr, StringComparison.Ordinal);
        Assert.Contains("is not writable", stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    [Trait(Traits.Category, Traits.Loopback)]
    public async Task TwoRuns_GiveTwoResultDirectories_ThatValidate()
    {
        string path = Scenario("name: t\nrepetitions: 2\ndefaults:\n  time: 200ms\n  warmup: 50ms\n  interval: 100ms\nmatrix:\n  transport: [tcp4, unix-stream]\n");
        string results = Path.Combine(_dir, "results");
        // What a start killed before its first event leaves (pid above any pid_max: its creator is gone).
        string leftover = Path.Combine(results, ResultStore.StagingName("20261123T100000Z-abcdef", 4_194_305));
        Directory.CreateDirectory(leftover);
        var schema = await JsonSchema.FromFileAsync(RepoFiles.PathOf("docs", "result.schema.json"), TestContext.Current.CancellationToken);
        for (int run = 0; run < 2; run++)
        {
            var (code, stdout, stderr) = CliHarness.Run("run", path, "--out", results, "--label", "test", "--seed", "42");
            Assert.True(code == 0, stderr);
            Assert.Contains("| passed | 2 |", stdout, StringComparison.Ordinal);
            Assert.Contains("[4/4]", stderr, StringComparison.Ordinal); // plain progress lines: stderr is not a terminal
            Assert.Equal(run == 0, stderr.Contains($"removed '{leftover}'", StringComparison.Ordinal));
        }

        var dirs = Directory.GetDirectories(results);
        Assert.Equal(2, dirs.Length); // the leftover is swept, and no staged name remains
        foreach (string dir in dirs)
        {
            Assert.Equal(Path.GetFileName(dir), EventLog.Read(Path.Combine(dir, ResultStore.EventsFile)).Started.RunId);
            string json = await File.ReadAllTextAsync(Path.Combine(dir, ResultStore.RunFile), TestContext.Current.CancellationToken);
            var errors = schema.Validate(json);
            Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
            using var doc = JsonDocument.Parse(json);
            Assert.Equal("completed", doc.RootElement.GetProperty("status").GetString());
            Assert.Equal(42, doc.RootElement.GetProperty("settings").GetProperty("seed").GetInt32());
            Assert.Equal(1 + 4 + 2 + 1, File.ReadAllLines(Path.Combine(dir, ResultStore.EventsFile)).Length); // start, reps, finished, completed
            Assert.True(File.Exists(Path.Combine(dir, ResultStore.SummaryFile)));
        }
    }
}
