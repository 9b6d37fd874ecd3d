using BenchmarkDotNet.Attributes;
using LoopBench.Core.Measurement;

namespace LoopBench.Benchmarks.Measurement;

/// <summary>
/// The harness's own per-message cost: reading the clock and recording a round trip. Both sit in
/// the rr loop, twice and once per transaction; a 13 µs round trip leaves them a budget of ~1%.
/// </summary>
[MemoryDiagnoser]
public class HarnessHotPathBenchmarks
{
    private readonly LatencyHistogram _histogram = new();
    private readonly long[] _values = new long[1024];
    private readonly MeasureWindow _window = new();

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(12345);
        for (int i = 0; i < _values.Length; i++)
        {
            _values[i] = random.NextInt64(5_000, 200_000); // 5..200 µs, the loopback RTT range
        }

        foreach (long value in _values)
        {
            _histogram.Record(value); // QuantileP99 runs in its own process: it needs a populated histogram of its own
        }

        _window.Open();
    }

    /// <summary>One Stopwatch.GetTimestamp (vDSO clock_gettime).</summary>
    [Benchmark]
    public long ReadClock() => Timestamps.Now();

    /// <summary>Recording 1024 values into the histogram.</summary>
    [Benchmark(OperationsPerInvoke = 1024)]
    public void RecordIntoHistogram()
    {
        var values = _values;
        for (int i = 0; i < values.Length; i++)
        {
            _histogram.Record(values[i]);
        }
    }

    /// <summary>The window check every worker makes after every operation.</summary>
    [Benchmark]
    public bool CheckWindow() => _window.IsMeasuring;

    /// <summary>p99 of a populated histogram (done once per repetition, not per message).</summary>
    [Benchmark]
    public double QuantileP99() => _histogram.ValueAtQuantile(0.99);
}
