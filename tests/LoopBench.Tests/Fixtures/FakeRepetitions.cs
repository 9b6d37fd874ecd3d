using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;

namespace LoopBench.Tests.Fixtures;

/// <summary>A scripted repetition source: no sockets, a figure per call, the calls recorded (BDN's MockEngine style).</summary>
internal sealed class FakeRepetitions(Func<Case, int, double>? value = null) : IRepetitionSource
{
    public List<(string Key, int Index)> Calls { get; } = [];

    /// <summary>Called before each repetition returns; may cancel, throw or block.</summary>
    public Action<int, CancellationToken>? OnRun { get; set; }

    public RepetitionOutcome Run(Case candidate, int index, CancellationToken cancellation)
    {
        Calls.Add((candidate.Key, index));
        OnRun?.Invoke(Calls.Count, cancellation);
        if (cancellation.IsCancellationRequested)
        {
            return new RepetitionOutcome(Result(index, 1, interrupted: true), CaseOutcome.Interrupted, null);
        }

        return new RepetitionOutcome(Result(index, value?.Invoke(candidate, index) ?? 1e9 + index), CaseOutcome.Passed, null);
    }

    public static RepetitionResult Result(int index, double bitsPerSecond, bool interrupted = false) => new(
        index, new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), interrupted, 300_000_000,
        new SortedDictionary<string, double>(StringComparer.Ordinal) { [MetricIds.ThroughputBitsPerSecond] = bitsPerSecond, [MetricIds.Bytes] = bitsPerSecond * 0.3 / 8 },
        null, null, [], null, [new IntervalResult(0, 300_000_000, 1000, 0)]);

    public static RunStartedEvent Started(int cases, RunSettings settings) => new(
        new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), "20261123T100000Z-abcdef", "fake", "fake.yaml", "main", settings,
        new ToolInfo("loopbench", "0.1.0"), ResultJsonFixture.Environment(),
        Enumerable.Range(0, cases).Select(i => new Case { MessageBytes = 1000 + i, DurationMs = 300, WarmupMs = 50 }.Resolve()).ToList());

    public static RunSettings Settings(int repetitions = 3, int seed = 12345, double? untilCiWidth = null, int maxReps = 3, long timeoutMs = 0) =>
        new(repetitions, false, seed, timeoutMs, untilCiWidth is null ? null : 0.95, untilCiWidth, maxReps, [], []);
}

/// <summary>An in-memory <see cref="IRunSink"/> that can fail like a full disk after N events.</summary>
internal sealed class MemorySink(RunStartedEvent started) : IRunSink
{
    public RunJournal Journal { get; } = new(started);

    public List<RunEvent> Events { get; } = [];

    public int? FailAfterEvents { get; set; }

    public void Record(RunEvent e)
    {
        if (FailAfterEvents is int n && Events.Count >= n)
        {
            throw new IOException("No space left on device");
        }

        Events.Add(e);
        Journal.Apply(e);
    }
}

/// <summary>A fixed environment for result fixtures.</summary>
internal static class ResultJsonFixture
{
    public static EnvironmentInfo Environment() => new("host", "6.1.0", "Debian", "cpu", 2, [0, 1], 1 << 30, ".NET 10", false, false, "bbr",
        ["reno", "cubic", "bbr"], 65536, 1000, new SortedDictionary<string, string>(StringComparer.Ordinal) { ["net.core.rmem_max"] = "4194304" });
}
