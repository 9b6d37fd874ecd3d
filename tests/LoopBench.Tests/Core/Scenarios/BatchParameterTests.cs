using LoopBench.Core.Engines;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Tests.Core.Scenarios;

public sealed class BatchParameterTests
{
    private static readonly Case Udp = new() { Transport = TransportKind.Udp4, MessageBytes = 64 };

    [Fact]
    public void Apply_ParsesBatchAndGro()
    {
        var c = CaseParameters.Apply(CaseParameters.Apply(Udp, "batch", "32"), "udp-gro", "on");
        Assert.Equal(32, c.Batch);
        Assert.True(c.UdpGro);
        Assert.Throws<ParameterException>(() => CaseParameters.Apply(Udp, "batch", "many"));
        Assert.Throws<ParameterException>(() => CaseParameters.Apply(Udp, "udp-gro", "maybe"));
        Assert.Equal(32, c.ToWorkloadParameters().Batch);
        Assert.True(c.ToWorkloadParameters().UdpGro);
        Assert.Equal(1, Udp.ToWorkloadParameters().Batch);
    }

    [Fact]
    public void Key_NamesBatchAndGroOnlyWhenSet()
    {
        Assert.DoesNotContain("batch", Udp.Key, StringComparison.Ordinal);
        Assert.DoesNotContain("udp-gro", Udp.Key, StringComparison.Ordinal);
        Assert.Equal(Udp.Key, (Udp with { Batch = 1 }).Key); // 1 is off
        Assert.Null((Udp with { Batch = 1 }).Resolve().Batch);
        Assert.Contains(" batch=32 ", (Udp with { Batch = 32 }).Key, StringComparison.Ordinal);
        Assert.Contains(" udp-gro=on ", (Udp with { UdpGro = true }).Key, StringComparison.Ordinal);
        Assert.Contains(" batch=32 udp-gro=on ", (Udp with { Batch = 32, UdpGro = true }).Key, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UdpStreamAndReverseOnBlocking_Pass()
    {
        Assert.Empty(CaseValidator.Validate(Udp with { Batch = 32, UdpGro = true }));
        Assert.Empty(CaseValidator.Validate(Udp with { Batch = 1024, Pattern = PatternKind.Reverse, Transport = TransportKind.Udp6 }));
        Assert.Empty(CaseValidator.Validate(CaseParameters.Apply(Udp with { Batch = 32 }, "udp-segment", "64")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1025)]
    public void Validate_BatchOutOfRange_IsRefused(int batch)
    {
        var error = Assert.Single(CaseValidator.Validate(Udp with { Batch = batch }), e => e.Parameter == "batch");
        Assert.Contains("out of range; use 1 (off) to 1024", error.Message, StringComparison.Ordinal);
    }

    // object, not Case: Case is internal to Core and a public theory cannot take it
    public static TheoryData<object, string, string> Refusals() => new()
    {
        { new Case { Batch = 8 }, "batch", "applies to UDP (udp4, udp6), not tcp4" },
        { new Case { Transport = TransportKind.UnixDgram, UdpGro = true }, "udp-gro", "applies to UDP (udp4, udp6), not unix-dgram" },
        { Udp with { Pattern = PatternKind.Rr, Batch = 8 }, "batch", "not rr: requests batched into one sendmmsg are rr with several in flight, which --inflight measures" },
        { Udp with { Pattern = PatternKind.Bidir, UdpGro = true }, "udp-gro", "applies to UDP stream and reverse, not bidir" },
        { Udp with { Engine = EngineKind.Async, Batch = 8 }, "batch", "works on the blocking engine's sockets (sendmmsg/recvmmsg); use engine blocking, not async" },
        { Udp with { Engine = EngineKind.Pipelines, UdpGro = true }, "udp-gro", "use engine blocking, not pipelines" },
        { Udp with { Batch = 8, PacketsPerSecond = 1000 }, "batch", "pacing (-b, --pps) is for one datagram per deadline" },
        { Udp with { UdpGro = true, BitsPerSecond = 1_000_000 }, "udp-gro", "pacing (-b, --pps)" },
        { Udp with { Batch = 8, ByteLimit = 1_000_000 }, "batch", "-n (bytes) is not counted in batches" },
        { CaseParameters.Apply(Udp with { Batch = 8 }, "udp-segment", "32"), "batch", "needs the segment size equal to the length (64 B)" },
        { CaseParameters.Apply(Udp with { Batch = 8, Pattern = PatternKind.Reverse }, "server-udp-segment", "1000"), "batch", "1000 B is not" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Validate_OutsideItsPlace_IsRefusedWithTheReason(object c, string parameter, string message)
    {
        var errors = CaseValidator.Validate((Case)c);
        Assert.Contains(errors, e => e.Parameter == parameter && e.Message.Contains(message, StringComparison.Ordinal));
    }
}
