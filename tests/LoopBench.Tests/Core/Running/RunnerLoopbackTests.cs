using LoopBench.Core;
using LoopBench.Core.Engines;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Running;

[Trait(Traits.Category, Traits.Loopback)]
public sealed class RunnerLoopbackTests
{
    public static TheoryData<TransportKind, PatternKind> Pairs()
    {
        var data = new TheoryData<TransportKind, PatternKind>();
        // The byte-stream transports with the skeleton's two patterns; TransportPatternLoopbackTests covers the rest.
        foreach (var t in new[] { TransportKind.Tcp4, TransportKind.Tcp6, TransportKind.UnixStream })
        {
            foreach (var p in new[] { PatternKind.Stream, PatternKind.Rr })
            {
                data.Add(t, p);
            }
        }

        return data;
    }

    /// <summary>
    /// A paced sender and its receiver leave as soon as the window closes; with one interval the
    /// coordinator's only look at their CPUs is at the close, so it must come before it.
    /// </summary>
    [Fact(Timeout = 20_000)]
    public void PacedDatagramEnds_AreSeenOnACpu_WhenTheOnlyLookIsAtTheClose()
    {
        for (int attempt = 0; attempt < 3; attempt++)
        {
            var c = QuickCases.Short(new Case { Transport = TransportKind.Udp4, Pattern = PatternKind.Stream, BitsPerSecond = 10_000_000 })
                with { IntervalMs = 0 };
            var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);

            Assert.Equal(CaseOutcome.Passed, result.Outcome);
            Assert.All(Assert.Single(result.Repetitions).Ends, e => Assert.NotEmpty(e.CpusObserved));
        }
    }

    [Theory(Timeout = 20_000)]
    [MemberData(nameof(Pairs))]
    public void EveryTransportAndPattern_MovesBytesInsideTheWindow(TransportKind transport, PatternKind pattern)
    {
        SkipIfNoIpv6(transport);
        var c = QuickCases.Short(new Case { Transport = transport, Pattern = pattern });
        var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);

        Assert.Equal(CaseOutcome.Passed, result.Outcome);
        var rep = Assert.Single(result.Repetitions);
        Assert.InRange(rep.ElapsedNs, 250_000_000, 2_000_000_000);
        Assert.True(rep.Metrics[MetricIds.Bytes] > 0);
        Assert.True(rep.Metrics[MetricIds.ThroughputBitsPerSecond] > 0);
        Assert.NotEmpty(rep.Intervals);
        Assert.Equal(rep.ElapsedNs, rep.Intervals[^1].EndNs);
        Assert.All(rep.Ends, e => Assert.Null(e.Failure));
        Assert.All(rep.Ends, e => Assert.NotEmpty(e.CpusObserved));
        if (pattern == PatternKind.Rr)
        {
            Assert.NotNull(rep.Latency);
            Assert.Equal((long)rep.Metrics[MetricIds.Transactions], rep.Latency.Samples);
            Assert.True(rep.Latency.MinNs > 0);
            Assert.True(rep.Latency.P50Ns >= rep.Latency.MinNs);
        }
        else
        {
            // The receiver cannot count more than the sender sent inside the same window plus what was in flight at T0.
            Assert.True(rep.Metrics[MetricIds.SentBytes] > 0);
        }

        if (transport.IsTcp())
        {
            Assert.Equal(pattern == PatternKind.Rr, rep.Socket!.NoDelay);
            Assert.False(string.IsNullOrEmpty(rep.Socket.CongestionControl));
        }
    }

    [Fact(Timeout = 20_000)]
    public void Placement_SameCpu_PinsBothEndsToOneCpu()
    {
        var c = QuickCases.Short(new Case { Pattern = PatternKind.Rr, Placement = PlacementKind.SameCpu });
        var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);
        var rep = Assert.Single(result.Repetitions);
        int cpu = Assert.Single(rep.Ends.Select(e => e.CpuRequested).Distinct())!.Value;
        Assert.All(rep.Ends, e => Assert.Equal([cpu], e.CpusObserved));
    }

    [Fact(Timeout = 20_000)]
    public void Placement_Split_PutsEndsOnDifferentCpus_OrSkipsWithAReason()
    {
        var c = QuickCases.Short(new Case { Pattern = PatternKind.Rr, Placement = PlacementKind.Split });
        var result = new Runner(allowedCpus: [0]).RunCase(c, cancellation: TestContext.Current.CancellationToken);
        Assert.Equal(CaseOutcome.SkippedPlacement, result.Outcome);
        Assert.Contains("needs 2 allowed CPUs", result.Reason, StringComparison.Ordinal);

        Assert.SkipWhen(LoopBench.Core.Interop.CpuAffinity.GetAllowedCpus().Count < 2, "split placement needs 2 allowed CPUs");
        var split = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);
        var rep = Assert.Single(split.Repetitions);
        var client = rep.Ends.Single(e => e.Role == EndRole.Client);
        var server = rep.Ends.Single(e => e.Role == EndRole.Server);
        Assert.NotEqual(client.CpuRequested, server.CpuRequested);
        Assert.Equal([client.CpuRequested!.Value], client.CpusObserved);
    }

    [Fact(Timeout = 20_000)]
    public void Cancellation_KeepsTheShortenedWindow()
    {
        // Ctrl-C after the window's first 100 ms interval, not at a fixed time from the start: set-up
        // and a warm-up the runtime's compiling may stretch can take most of any fixed delay on a
        // loaded host. The delay is only a backstop.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var runner = new Runner();
        runner.IntervalCompleted += (_, _, _) => cts.Cancel();
        var c = new Case { DurationMs = 30_000, WarmupMs = 50, IntervalMs = 100 };
        var result = runner.RunCase(c, cancellation: cts.Token);
        Assert.Equal(CaseOutcome.Interrupted, result.Outcome);
        var rep = Assert.Single(result.Repetitions);
        Assert.True(rep.Interrupted);
        Assert.InRange(rep.ElapsedNs, 100_000_000, 5_000_000_000);
        Assert.True(rep.Metrics[MetricIds.Bytes] > 0);
    }

    [Fact(Timeout = 20_000)]
    public void PortInUse_FailsSetupWithAClearReason()
    {
        using var holder = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        holder.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        holder.Listen();
        int port = ((System.Net.IPEndPoint)holder.LocalEndPoint!).Port;
        var result = new Runner().RunCase(QuickCases.Short(new Case { Port = port }), cancellation: TestContext.Current.CancellationToken);
        Assert.Equal(CaseOutcome.FailedSetup, result.Outcome);
        Assert.Contains("already in use", result.Reason, StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    public void UnixDirectory_ThatCannotBeCreated_FailsSetup_AndLeavesNothing()
    {
        string parent = Path.Combine(Path.GetTempPath(), "lb-missing-" + Guid.NewGuid().ToString("N"), "deeper", "file-not-dir");
        var blocker = Path.Combine(Path.GetTempPath(), "lb-file-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(blocker, "x");
        try
        {
            var result = new Runner().RunCase(QuickCases.Short(new Case { Transport = TransportKind.UnixStream, UnixDirectory = blocker }), cancellation: TestContext.Current.CancellationToken);
            Assert.Equal(CaseOutcome.FailedSetup, result.Outcome);
            Assert.Contains("private directory", result.Reason, StringComparison.Ordinal);
            Assert.False(Directory.Exists(parent));
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Fact(Timeout = 20_000)]
    public void UnixPath_IsInAPrivateDirectory_AndRemovedAfterwards()
    {
        string parent = Directory.CreateTempSubdirectory("lb-test-").FullName;
        try
        {
            var pair = LoopbackConnector.Connect(new TransportOptions(TransportKind.UnixStream, null, 0, parent), TimeSpan.FromSeconds(5));
            string dir = Assert.Single(Directory.GetDirectories(parent));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir));
            Assert.Empty(Directory.GetFiles(dir)); // the socket name is unlinked once connected
            pair.Dispose();
            Assert.Empty(Directory.GetDirectories(parent));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    internal static void SkipIfNoIpv6(TransportKind transport) =>
        Assert.SkipWhen(transport.IsIpv6() && !System.Net.Sockets.Socket.OSSupportsIPv6, "IPv6 disabled on lo"); // udp6 as well as tcp6

    [Theory(Timeout = 20_000)]
    [InlineData(PatternKind.Stream, "client")]
    [InlineData(PatternKind.Reverse, "server")]
    public void TcpIntervals_CarryRetransmitsAndTheSendersCwnd_SummingToTheWindowsRetransmits_AndTheRttIsTheSenders(PatternKind pattern, string sender)
    {
        var c = QuickCases.Short(new Case { Pattern = pattern }) with { DurationMs = 400, IntervalMs = 100 };
        var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);

        Assert.Equal(CaseOutcome.Passed, result.Outcome);
        var rep = Assert.Single(result.Repetitions);
        Assert.Equal(0, rep.TcpInfo![0].AtNs); // the T0 baseline: retransmits of the first interval count too
        Assert.All(rep.Intervals, i => Assert.True(i.Retransmits >= 0 && i.SendCwndBytes > 0, $"{i}"));
        Assert.Equal(rep.Metrics[MetricIds.TcpRetransSegments], rep.Intervals.Sum(i => i.Retransmits!.Value));
        var last = rep.TcpInfo.Last(t => t.Side.ToId() == sender);
        Assert.Equal(last.SendCwndSegments * last.SendMssBytes, rep.Intervals[^1].SendCwndBytes);
        Assert.Equal(last.RttUs, rep.Metrics[MetricIds.TcpRttUs]); // the data sender's RTT, not a receiver's stale one
        Assert.Equal(last.MinRttUs, (long)rep.Metrics[MetricIds.TcpMinRttUs]);
    }

    [Theory(Timeout = 20_000)]
    [InlineData(PatternKind.Stream, 3)]
    [InlineData(PatternKind.Bidir, 1)]
    public void SeveralFlows_IntervalsSumEveryFlowsRetransmits_AsDoesTheWindow(PatternKind pattern, int parallel)
    {
        var c = QuickCases.Short(new Case { Pattern = pattern, Parallel = parallel }) with { DurationMs = 400, IntervalMs = 100 };
        var rep = Assert.Single(new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken).Repetitions);

        var flows = rep.FlowProbes!;
        Assert.True(flows.Count > 1, $"{flows.Count} flow probes");
        Assert.All(flows, f => Assert.Equal(2, f.TcpInfo!.Count(s => s.AtNs == 0))); // each flow's T0 baseline, both ends
        long perFlow = flows.Sum(f => TcpInfoSampler.RetransBetweenFirstAndLast(f.TcpInfo!)!.Value);
        Assert.Equal(perFlow, rep.Metrics[MetricIds.TcpRetransSegments]); // every flow's, not flow 0's
        Assert.All(rep.Intervals, i => Assert.True(i.Retransmits >= 0 && i.SendCwndBytes is null, $"{i}"));
        Assert.Equal(perFlow, rep.Intervals.Sum(i => i.Retransmits!.Value));
    }
}
