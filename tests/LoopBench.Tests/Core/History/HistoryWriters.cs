using LoopBench.Core.History;
using LoopBench.Core.Results;
using LoopBench.Tests.Core.Results.Export;

namespace LoopBench.Tests.Core.History;

/// <summary>Hosts that record into one history at once, each through its own store (its own connection).</summary>
internal static class HistoryWriters
{
    public const int RunsPerHost = 12;

    public static readonly string[] Hosts = ["host-a", "host-b"];

    /// <summary>The i-th run of <paramref name="host"/>: its own run id and host name.</summary>
    public static RunResult RunOf(string host, int i)
    {
        var run = ExporterGoldenTests.Fixture(1.0 + (i / 100.0), $"20261120T10{i:00}00Z-{host}");
        return run with { Environment = run.Environment with { Hostname = host } };
    }

    /// <summary>
    /// Starts every host at the same moment; each opens the history (the first open creates its
    /// tables), records its runs one transaction each, and closes it. Bounded by <paramref name="timeout"/>.
    /// </summary>
    public static async Task RecordConcurrentlyAsync(string spec, TimeSpan timeout)
    {
        using var start = new Barrier(Hosts.Length);
        var writers = Hosts.Select(host => Task.Run(() =>
        {
            start.SignalAndWait(timeout);
            for (int i = 0; i < RunsPerHost; i++)
            {
                using var store = new HistoryStore(spec);
                store.Record(RunOf(host, i), "main", null);
            }
        })).ToArray();
        await Task.WhenAll(writers).WaitAsync(timeout, TestContext.Current.CancellationToken);
    }

    /// <summary>Every run of every host arrived, whole: its row, and each case's median of each metric.</summary>
    public static void AssertEveryRunArrived(string spec)
    {
        using var store = HistoryStore.OpenReadOnly(spec);
        var runs = store.Runs();
        Assert.Equal(Hosts.Length * RunsPerHost, runs.Count);
        foreach (string host in Hosts)
        {
            Assert.Equal(
                Enumerable.Range(0, RunsPerHost).Select(i => RunOf(host, i).RunId).Order(StringComparer.Ordinal),
                runs.Where(r => r.Host == host).Select(r => r.RunId).Order(StringComparer.Ordinal));
        }

        var trend = store.Trend(MetricIds.ThroughputBitsPerSecond);
        Assert.Equal(Hosts.Length * RunsPerHost, trend.Count);
        Assert.All(trend, p => Assert.Equal(3, p.Repetitions));
    }
}
