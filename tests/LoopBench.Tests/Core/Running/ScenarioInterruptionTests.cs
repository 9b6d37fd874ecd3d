using System.Text.Json;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Tests.Fixtures;
using NJsonSchema;

namespace LoopBench.Tests.Core.Running;

[Trait(Traits.Category, Traits.Loopback)]
public sealed class ScenarioInterruptionTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("lb-int-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Cancels the run (as Ctrl-C does) once the given number of repetitions has finished.</summary>
    private sealed class CancelAfter(CancellationTokenSource source, int repetitions) : IRunProgressSink
    {
        public void Starting(RunProgress progress)
        {
            if (progress.Done >= repetitions)
            {
                source.CancelAfter(100); // lands inside the next repetition's warm-up or window
            }
        }

        public void Finished(RunProgress progress, CaseOutcome outcome)
        {
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task SigintHalfway_LeavesAValidInterruptedRunJson_AndResumeCompletesIt()
    {
        var cases = new[] { "tcp4", "unix-stream" }
            .Select(t => QuickCases.Short(CaseParameters.Apply(new Case(), "transport", t)).Resolve()).ToList();
        var settings = new RunSettings(2, false, 4242, 0, null, null, 2, [], []);
        string runId = RunIds.New(DateTimeOffset.UtcNow);
        var store = new ResultStore(_root);
        string dir = store.Create(runId);
        var started = new RunStartedEvent(DateTimeOffset.UtcNow, runId, "t", "t.yaml", null, settings,
            new ToolInfo("loopbench", "test"), EnvironmentProbe.Capture(), cases);

        using var cancellation = new CancellationTokenSource();
        RunStatus status;
        using (var recorder = RunRecorder.Start(dir, started)) // the interrupted writer lets go of the run, as its process would on exit
        {
            status = new ScenarioRunner(new RunnerRepetitionSource(new Runner()), recorder, new CancelAfter(cancellation, 2))
                .Run(cancellation.Token);
        }

        Assert.Equal(RunStatus.Interrupted, status);

        var schema = await JsonSchema.FromFileAsync(RepoFiles.PathOf("docs", "result.schema.json"), TestContext.Current.CancellationToken);
        string json = await File.ReadAllTextAsync(Path.Combine(dir, ResultStore.RunFile), TestContext.Current.CancellationToken);
        Assert.Empty(schema.Validate(json));
        var interrupted = ResultJson.Deserialize(json);
        Assert.Equal(RunStatus.Interrupted, interrupted.Status);
        Assert.Equal(2, interrupted.Cases.Sum(c => c.Repetitions.Count));
        Assert.All(interrupted.Cases.SelectMany(c => c.Repetitions), r => Assert.False(r.Interrupted));

        var (code, _, stderr) = CliHarness.Run("run", "--resume", runId, "--out", _root);
        Assert.True(code == 0, stderr);
        using var done = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, ResultStore.RunFile), TestContext.Current.CancellationToken));
        Assert.Equal("completed", done.RootElement.GetProperty("status").GetString());
        foreach (var c in done.RootElement.GetProperty("cases").EnumerateArray())
        {
            Assert.Equal("passed", c.GetProperty("outcome").GetString());
            Assert.Equal([0, 1], c.GetProperty("repetitions").EnumerateArray().Select(r => r.GetProperty("index").GetInt32()).Order());
        }
    }

}
