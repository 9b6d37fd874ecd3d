using LoopBench.Core;
using LoopBench.Core.Engines;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Running;

/// <summary>-n and -k: the whole transfer is the window, so both ends report exactly the count asked for.</summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class CountBasedLoopbackTests
{
    public static TheoryData<PatternKind, int, long, EngineKind, TransportKind> ByteCounts() => new()
    {
        { PatternKind.Stream, 1, 3 * 1024 * 1024, EngineKind.Blocking, TransportKind.Tcp4 },
        { PatternKind.Stream, 3, 1_000_001, EngineKind.Blocking, TransportKind.Tcp4 },
        { PatternKind.Reverse, 1, 3 * 1024 * 1024, EngineKind.Blocking, TransportKind.Tcp4 },
        { PatternKind.Reverse, 3, 1_000_001, EngineKind.Blocking, TransportKind.UnixStream },
        { PatternKind.Bidir, 2, 1_000_003, EngineKind.Blocking, TransportKind.Tcp4 },
        { PatternKind.Stream, 3, 1_000_001, EngineKind.Async, TransportKind.Tcp4 },
        { PatternKind.Stream, 2, 1_000_001, EngineKind.Pipelines, TransportKind.Tcp4 },
        { PatternKind.Stream, 1, 1_000_001, EngineKind.NetworkStream, TransportKind.Tcp4 },
        { PatternKind.Sendfile, 2, (40 * 1024 * 1024) + 1, EngineKind.Blocking, TransportKind.Tcp4 }, // each flow wraps the 16 MiB file
        { PatternKind.Sendfile, 1, 1_000_001, EngineKind.Async, TransportKind.UnixStream },
    };

    [Theory(Timeout = 20_000)]
    [MemberData(nameof(ByteCounts))]
    public void ByteLimit_SentAndReceivedAreExactlyN(PatternKind pattern, int parallel, long n, EngineKind engine, TransportKind transport)
    {
        var c = Counted(new Case { Pattern = pattern, Parallel = parallel, ByteLimit = n, Engine = engine, Transport = transport, MessageBytes = 64 * 1024 });
        var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);

        Assert.True(result.Outcome == CaseOutcome.Passed, $"{result.Outcome}: {result.Reason}");
        var rep = Assert.Single(result.Repetitions);
        Assert.Equal(n, rep.Metrics[MetricIds.Bytes]);
        Assert.Equal(n, rep.Metrics[MetricIds.SentBytes]);
        Assert.Equal(WindowEnd.Count, rep.EndedBy);
        Assert.Equal(0, result.Case.WarmupMs); // no warm-up traffic on the measured connection
        var flows = rep.Flows!;
        Assert.Equal(parallel * (pattern == PatternKind.Bidir ? 2 : 1), flows.Count);
        Assert.All(flows, f => Assert.Equal(f.SentBytes, f.Bytes));
        Assert.InRange(flows.Max(f => f.Bytes) - flows.Min(f => f.Bytes), 0, 1); // equal shares, the remainder one byte each
        Assert.Equal(n, rep.Intervals.Sum(i => i.Bytes)); // the interval lines show the window's bytes only
    }

    [Theory(Timeout = 20_000)]
    [InlineData(PatternKind.Rr, 3, 1001)]
    [InlineData(PatternKind.Crr, 2, 101)]
    [InlineData(PatternKind.Cc, 2, 101)]
    public void TransactionLimit_CompletesExactlyK(PatternKind pattern, int parallel, long k)
    {
        var c = Counted(new Case { Pattern = pattern, Parallel = parallel, TransactionLimit = k });
        var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);

        Assert.True(result.Outcome == CaseOutcome.Passed, $"{result.Outcome}: {result.Reason}");
        var rep = Assert.Single(result.Repetitions);
        Assert.Equal(k, rep.Metrics[MetricIds.Transactions]);
        Assert.Equal(WindowEnd.Count, rep.EndedBy);
        Assert.Equal(k, rep.Ends.Where(e => e.Role == EndRole.Client).Sum(e => e.Transactions));
    }

    [Fact(Timeout = 20_000)]
    public void ByteLimit_CappedByTime_SaysSoAndSendsLess()
    {
        long n = 1L << 40;
        var c = new Case { ByteLimit = n, DurationMs = 100, IntervalMs = 0 };
        var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);

        Assert.True(result.Outcome == CaseOutcome.Passed, $"{result.Outcome}: {result.Reason}");
        var rep = Assert.Single(result.Repetitions);
        Assert.Equal(WindowEnd.TimeCap, rep.EndedBy);
        Assert.InRange(rep.Metrics[MetricIds.SentBytes], 1, n - 1);
        // Not bytes <= sentBytes: a blocking send cut by T1 moves bytes the receiver counts but returns after T1, uncounted.
        Assert.InRange(rep.Metrics[MetricIds.Bytes], 1, n - 1);
        Assert.Contains(rep.Notes ?? [], note => note.Contains("-t cap", StringComparison.Ordinal));
    }

    [Fact]
    public void Shares_AddUpToTheTotal_FirstSharesTakeTheRemainder()
    {
        var p = new Case { Pattern = PatternKind.Bidir, Parallel = 3, ByteLimit = 1_000_003 }.ToWorkloadParameters();
        var shares = Enumerable.Range(0, 3)
            .SelectMany(f => new[] { p.ByteShare(f, FlowDirection.ClientToServer), p.ByteShare(f, FlowDirection.ServerToClient) })
            .ToArray();
        Assert.Equal(1_000_003, shares.Sum());
        Assert.Equal([166_668, 166_667, 166_667, 166_667, 166_667, 166_667], shares);
        var k = new Case { Pattern = PatternKind.Rr, Parallel = 3, TransactionLimit = 1001 }.ToWorkloadParameters();
        Assert.Equal([334, 334, 333], Enumerable.Range(0, 3).Select(k.TransactionShare));
        Assert.Equal(0, new Case().ToWorkloadParameters().ByteShare(0, FlowDirection.ClientToServer)); // timed: no limit
    }

    private static Case Counted(Case c) => c with { DurationMs = 10_000, IntervalMs = 100 };
}
