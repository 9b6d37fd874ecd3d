using LoopBench.Core;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;
using LoopBench.Core.Engines;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Running;

/// <summary>Issue 6 end to end: knobs through Case and Runner on real loopback, with the measurements.</summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class KnobWiringLoopbackTests
{
    private static readonly KernelNetLimits Host = KernelNetLimits.Read();

    private static RepetitionResult RunOnce(Case c)
    {
        var result = new Runner().RunCase(c, cancellation: TestContext.Current.CancellationToken);
        Assert.True(result.Outcome == CaseOutcome.Passed, $"{result.Outcome}: {result.Reason}");
        return Assert.Single(result.Repetitions);
    }

    private static Case Short(Case c) => c with { DurationMs = 200, WarmupMs = 50, IntervalMs = 100 };

    [Fact(Timeout = 20_000)]
    public void Rcvbuf_AboveRmemMax_IsCappedWithReason()
    {
        int asked = (int)Math.Min(Host.ReceiveBufferMaxBytes * 4L, SocketKnobValidation.MaxBufferBytes);
        var rep = RunOnce(Short(CaseParameters.Apply(new Case(), "server-rcvbuf", asked.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        var knob = Assert.Single(rep.Knobs!, k => k.Id == SocketKnobId.ReceiveBuffer && k.Side == EndRole.Server);
        Assert.Equal(KnobStatus.Capped, knob.Status);
        Assert.Contains("net.core.rmem_max", knob.Note, StringComparison.Ordinal);
        Assert.Equal(Host.ReceiveBufferMaxBytes * 2L, knob.EffectiveValue);
    }

    [Fact(Timeout = 20_000)]
    public void Rcvbuf_Force_ExceedsRmemMax()
    {
        Assert.SkipUnless(Environment.UserName == "root", "SO_RCVBUFFORCE needs CAP_NET_ADMIN");
        long asked = Math.Min(Host.ReceiveBufferMaxBytes * 2L, SocketKnobValidation.MaxBufferBytes);
        var c = CaseParameters.Apply(new Case(), "server-rcvbuf", asked.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var rep = RunOnce(Short(CaseParameters.Apply(c, "force-buffers", "on")));

        var knob = Assert.Single(rep.Knobs!, k => k.Id == SocketKnobId.ReceiveBuffer && k.Side == EndRole.Server);
        Assert.Equal("SO_RCVBUFFORCE", knob.Name);
        Assert.True(knob.EffectiveValue > Host.ReceiveBufferMaxBytes * 2L, knob.Describe());
    }

    public static TheoryData<string> Algorithms() => ["reno", "cubic", "bbr"];

    [Theory(Timeout = 20_000)]
    [MemberData(nameof(Algorithms))]
    public void Congestion_AppliedPerSocket_ConfirmedByReadBack(string algorithm)
    {
        Assert.SkipUnless(Host.CongestionChoices().Contains(algorithm), $"{algorithm} is not offered by this kernel");
        var rep = RunOnce(Short(CaseParameters.Apply(new Case(), "congestion", algorithm)));

        var knobs = rep.Knobs!.Where(k => k.Id == SocketKnobId.CongestionControl).ToList();
        Assert.Equal(2, knobs.Count);
        Assert.All(knobs, k =>
        {
            Assert.Equal(KnobStatus.Applied, k.Status);
            Assert.Equal(algorithm, k.Effective);
        });
        Assert.Equal(algorithm, rep.Socket!.CongestionControl);
    }

    /// <summary>
    /// The congestion control is on both sockets from their first packet: the client's before
    /// connect, the server's inherited from the listener. Set only after connect, a socket that
    /// started under bbr keeps bbr's internal pacing under its new algorithm. The pair is read
    /// straight after connect, before the after-connect knob pass, with an algorithm the host does
    /// not default to, so a socket that did not get it before connect shows the default.
    /// </summary>
    [Fact(Timeout = 20_000)]
    public void Congestion_IsSetBeforeConnect_OnBothSockets()
    {
        string hostDefault = File.ReadAllText("/proc/sys/net/ipv4/tcp_congestion_control").Trim();
        string? algorithm = Host.CongestionChoices().FirstOrDefault(a => a != hostDefault);
        Assert.SkipWhen(algorithm is null, "the kernel offers no congestion control besides its default");
        var c = CaseParameters.Apply(new Case(), "congestion", algorithm!);
        var options = new KnobWiring().WithKnobHooks(new TransportOptions(TransportKind.Tcp4, System.Net.IPAddress.Loopback), c);

        using var pair = LoopbackConnector.Connect(options, TaskTimeouts.Default);

        Assert.Equal(algorithm, SocketTuning.CongestionControlOf(pair.Client));
        Assert.Equal(algorithm, SocketTuning.CongestionControlOf(pair.Server));
    }

    [Fact(Timeout = 20_000)]
    public void TcpStream_TcpInfoCountersAndCpu_ArePresentAndPlausible()
    {
        var rep = RunOnce(Short(new Case()));

        var client = rep.TcpInfo!.Last(s => s.Side == EndRole.Client);
        Assert.True(client.RttUs > 0);
        Assert.True(client.SendCwndSegments > 0);
        Assert.Contains(rep.TcpInfo!, s => s.Side == EndRole.Server);
        Assert.True(rep.Metrics[MetricIds.TcpRttUs] > 0);
        Assert.NotEmpty(rep.KernelCounters!);
        Assert.Contains(rep.KernelCounters!, d => d.Name == "Tcp.OutSegs" && d.Delta > 0 && d.Meaning.Length > 0);
        Assert.True(rep.Cpu!.ProcessUserUs + rep.Cpu.ProcessSystemUs > 0);
        Assert.True(rep.Metrics[MetricIds.ServiceDemandUsPerKiB] > 0);
    }

    [Fact(Timeout = 20_000)]
    public void UdpFlood_MinimalRcvbufSameCpu_RaisesRcvbufErrors()
    {
        var c = CaseParameters.Apply(new Case { Transport = TransportKind.Udp4, Placement = PlacementKind.SameCpu }, "server-rcvbuf", "1");
        var rep = RunOnce(Short(c));

        var drops = Assert.Single(rep.KernelCounters!, d => d.Name == "Udp.RcvbufErrors");
        Assert.True(drops.Delta > 0);
        Assert.Contains("receive buffer", drops.Meaning, StringComparison.Ordinal);
        Assert.Equal(drops.Delta, rep.Metrics[MetricIds.UdpRcvbufErrors]);
    }

    [Fact(Timeout = 20_000)]
    public void ZeroCopy_CompletionsCountedAndFlaggedCopied()
    {
        var rep = RunOnce(Short(new Case { ZeroCopy = true, SkipCopy = true, MessageBytes = 64 * 1024 }));

        var knob = Assert.Single(rep.Knobs!, k => k.Id == SocketKnobId.ZeroCopy);
        Assert.Matches(@"\d+ sends, [1-9]\d* completions, [1-9]\d* marked copied", knob.Evidence);
        Assert.Equal(KnobStatus.NoEffect, knob.Status);
        Assert.Contains(rep.Knobs!, k => k.Id == SocketKnobId.SkipCopy);
        Assert.True(rep.Metrics[MetricIds.Bytes] > 0);
    }

    [Fact(Timeout = 20_000)]
    public void Mss_SetBeforeConnect_IsApplied()
    {
        var rep = RunOnce(Short(CaseParameters.Apply(new Case(), "mss", "1000")));

        var client = Assert.Single(rep.Knobs!, k => k.Id == SocketKnobId.MaxSegment && k.Side == EndRole.Client);
        Assert.Equal(KnobStatus.Applied, client.Status);
        Assert.InRange(rep.TcpInfo!.Last(s => s.Side == EndRole.Client).SendMssBytes, 900, 1000);
    }

    [Theory(Timeout = 20_000)]
    [InlineData(PatternKind.Stream)]
    [InlineData(PatternKind.Rr)]
    public void QuickAck_ReArmedAfterReceives_Passes(PatternKind pattern)
    {
        var rep = RunOnce(Short(CaseParameters.Apply(new Case { Pattern = pattern }, "quickack", "on")));

        Assert.Contains(rep.Knobs!, k => k.Id == SocketKnobId.QuickAck && k.Status == KnobStatus.Applied);
        Assert.True(rep.Metrics[MetricIds.Bytes] > 0);
    }

    [Fact(Timeout = 20_000)]
    public void Capture_WithOrWithoutTcpdump_IsReportedAndTheRunGoesOn()
    {
        string directory = Path.Combine(Path.GetTempPath(), "lb-capture-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var c = Short(new Case { CapturePackets = 5 });
            var result = new Runner(new RunnerOptions { CaptureDirectory = directory }).RunCase(c, cancellation: TestContext.Current.CancellationToken);

            Assert.Equal(CaseOutcome.Passed, result.Outcome);
            var capture = Assert.Single(result.Repetitions).Capture!;
            Assert.True(Enum.IsDefined(capture.Outcome), $"{capture.Outcome}");
            Assert.True(capture.Outcome == CaptureOutcome.Written || capture.Reason is { Length: > 0 });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
