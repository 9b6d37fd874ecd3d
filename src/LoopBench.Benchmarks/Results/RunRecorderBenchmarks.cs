using BenchmarkDotNet.Attributes;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Workloads;

namespace LoopBench.Benchmarks.Results;

/// <summary>
/// Recording a one-case run of <see cref="Repetitions"/> repetitions into a run directory on the
/// temp file system: every event appended and fsynced, run.json and summary.md rebuilt as the
/// budget allows and at the end. The time per repetition is the mean divided by
/// <see cref="Repetitions"/>; with a bounded recording cost it is about the same at 10 and 10,000.
/// Each repetition carries an rr-like record (a 40-bucket histogram, 10 intervals) of about 2 KB
/// in the log.
/// </summary>
[MemoryDiagnoser]
public class RunRecorderBenchmarks
{
    private const int Buckets = 40;
    private const int Intervals = 10;
    private readonly string _root = Directory.CreateTempSubdirectory("lb-bench-rec-").FullName;
    private RunStartedEvent _started = null!;
    private RepetitionEvent[] _events = [];
    private int _run;

    /// <summary>Repetitions recorded per run.</summary>
    [Params(10, 10_000)]
    public int Repetitions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var utc = new DateTimeOffset(2026, 12, 5, 13, 0, 0, TimeSpan.Zero);
        var settings = new RunSettings(Repetitions, false, 12345, 0, null, null, Repetitions, [], []);
        var environment = new EnvironmentInfo("host", "6.1.0", "Debian", "cpu", 2, [0, 1], 1L << 30, ".NET 10", false, false, "cubic",
            ["reno", "cubic"], 65536, 1000, new SortedDictionary<string, string>(StringComparer.Ordinal));
        var c = new Case { Pattern = PatternKind.Rr, MessageBytes = 64, DurationMs = 1000, WarmupMs = 100 }.Resolve();
        _started = new RunStartedEvent(utc, "20261205T130000Z-bench0", "bench", "bench.yaml", null, settings,
            new ToolInfo("loopbench", "bench"), environment, [c]);
        _events = Enumerable.Range(0, Repetitions).Select(i => new RepetitionEvent(utc.AddSeconds(i), 0, i, CaseOutcome.Passed, null, Result(utc, i), null)).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    /// <summary>A whole run, from the start event to the completed status (the directory is deleted at the end).</summary>
    [Benchmark]
    public long RecordRun()
    {
        string directory = Directory.CreateDirectory(Path.Combine(_root, $"run-{_run++}")).FullName;
        long repetitions;
        using (var recorder = RunRecorder.Start(directory, _started))
        {
            foreach (var e in _events)
            {
                recorder.Record(e);
            }

            recorder.Record(new CaseFinishedEvent(_started.Utc, 0));
            recorder.Record(new RunStatusEvent(_started.Utc, RunStatus.Completed, null));
            repetitions = recorder.Journal.Repetitions.Count;
        }

        Directory.Delete(directory, recursive: true);
        return repetitions;
    }

    private static RepetitionResult Result(DateTimeOffset utc, int index)
    {
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            [MetricIds.TransactionsPerSecond] = 70_000 + index,
            [MetricIds.Transactions] = 70_000 + index,
            [MetricIds.Bytes] = 128.0 * (70_000 + index),
        };
        var buckets = Enumerable.Range(0, Buckets).Select(b => new long[] { 10_000 + (b * 256), 256, 100 + b }).ToList();
        var intervals = Enumerable.Range(0, Intervals).Select(k => new IntervalResult(k * 100_000_000L, (k + 1) * 100_000_000L, 896_000, 7_000)).ToList();
        return new RepetitionResult(index, utc, false, 1_000_000_000, metrics,
            new LatencySummary(70_000, 9_000, 14_000, 16_000, 20_000, 30_000, 90_000, 14_200), buckets, [], null, intervals);
    }
}
