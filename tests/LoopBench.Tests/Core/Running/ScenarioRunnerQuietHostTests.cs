using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Running;

/// <summary><c>run --quiet-host</c> through the scenario runner with a fake CPU source (no real waiting).</summary>
public sealed class ScenarioRunnerQuietHostTests
{
    [Fact(Timeout = 10_000)]
    public void QuietHost_QuietHost_RecordsTheLoadDuringEachRepetition()
    {
        var sink = new MemorySink(FakeRepetitions.Started(1, FakeRepetitions.Settings(repetitions: 2)));
        var quiet = new QuietHostOptions(new QuietHostGate(5), FakeCpuSource.Constant(2)) { Sleep = _ => { } };
        Assert.Equal(RunStatus.Completed, new ScenarioRunner(new FakeRepetitions(), sink) { QuietHost = quiet }.Run(CancellationToken.None));

        var reps = RunAssembler.Build(sink.Journal).Cases.Single().Repetitions;
        Assert.All(reps, r => Assert.Equal(new QuietHostResult(new HostLoad(2, 0), false, 5, 400, true), r.QuietHost));
        Assert.All(reps, r => Assert.Null(r.Notes));
    }

    [Fact(Timeout = 10_000)]
    public void QuietHost_BusyHost_WaitsUpToTheMaximumThenRunsAndSaysSo()
    {
        var sink = new MemorySink(FakeRepetitions.Started(1, FakeRepetitions.Settings(repetitions: 1)));
        var slept = new List<TimeSpan>();
        var quiet = new QuietHostOptions(new QuietHostGate(5), FakeCpuSource.Constant(150)) { Sleep = slept.Add, MaxWait = TimeSpan.FromSeconds(2) };
        new ScenarioRunner(new FakeRepetitions(), sink) { QuietHost = quiet }.Run(CancellationToken.None);

        var rep = RunAssembler.Build(sink.Journal).Cases.Single().Repetitions.Single();
        Assert.Equal(5, slept.Count); // 400 ms windows up to 2 s
        Assert.Equal(new QuietHostResult(new HostLoad(150, 0), true, 5, 2000, false), rep.QuietHost);
        Assert.Contains("the host was not quiet after 2 s (outside load 150%, steal 0% of one CPU); measured anyway", rep.Notes!);
    }

    [Fact(Timeout = 10_000)]
    public void QuietHost_Off_RecordsNothing()
    {
        var sink = new MemorySink(FakeRepetitions.Started(1, FakeRepetitions.Settings(repetitions: 1)));
        new ScenarioRunner(new FakeRepetitions(), sink).Run(CancellationToken.None);
        Assert.Null(RunAssembler.Build(sink.Journal).Cases.Single().Repetitions.Single().QuietHost);
    }
}
