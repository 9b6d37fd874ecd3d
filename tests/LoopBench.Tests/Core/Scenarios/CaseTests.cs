using LoopBench.Core.Engines;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Tests.Core.Scenarios;

public sealed class CaseTests
{
    [Fact]
    public void Resolve_FillsPatternDefaults()
    {
        var stream = new Case().Resolve();
        Assert.Equal(131072, stream.MessageBytes);
        Assert.Null(stream.RequestBytes);
        Assert.False(stream.NoDelay);
        Assert.Equal("127.0.0.1", stream.Bind);

        var rr = new Case { Pattern = PatternKind.Rr, Transport = TransportKind.Tcp6 }.Resolve();
        Assert.Equal(64, rr.RequestBytes);
        Assert.Equal(64, rr.ResponseBytes);
        Assert.Null(rr.MessageBytes);
        Assert.True(rr.NoDelay);
        Assert.Equal("::1", rr.Bind);

        var unix = new Case { Transport = TransportKind.UnixStream, Pattern = PatternKind.Rr }.Resolve();
        Assert.Null(unix.Bind);
        Assert.Null(unix.NoDelay);
    }

    [Fact]
    public void Key_IsStableAndCarriesPlacement()
    {
        var c = new Case { Pattern = PatternKind.Rr, Placement = PlacementKind.Split, RequestBytes = 100, ResponseBytes = 2000, DurationMs = 2000 };
        Assert.Equal("tcp4 rr blocking split bind=127.0.0.1 req=100 resp=2000 nodelay=on t=2s warmup=1s", c.Key);
        Assert.Equal(c.Key, c.Resolve().Key);
        Assert.NotEqual(c.Key, (c with { Placement = PlacementKind.SameCpu }).Key);
        Assert.Equal(c.Key, (c with { Port = 5201, IntervalMs = 0 }).Key);
    }

    [Theory]
    [InlineData("transport", "tcp6", "tcp6")]
    [InlineData("transport", "UNIX-STREAM", "unix-stream")]
    [InlineData("placement", "same-cpu", "same-cpu")]
    [InlineData("pattern", "rr", "rr")]
    public void Parameters_ParseKinds(string name, string value, string expectedInKey) =>
        Assert.Contains(expectedInKey, CaseParameters.Apply(new Case(), name, value).Key, StringComparison.Ordinal);

    [Theory]
    [InlineData("transport", "tpc4", "did you mean 'tcp4'")]
    [InlineData("transport", "sctp", "valid: tcp4, tcp6, udp4, udp6, unix-stream, unix-dgram, unix-seqpacket")]
    [InlineData("placement", "same", "valid: unpinned, same-cpu, split")]
    [InlineData("pattern", "strem", "did you mean 'stream'")]
    [InlineData("length", "0", "out of range")]
    [InlineData("length", "65M", "out of range")]
    [InlineData("time", "forever", "not a duration")]
    [InlineData("nodelay", "maybe", "on/off")]
    [InlineData("lenght", "1", "did you mean 'length'")]
    [InlineData("mtu", "big", "not a whole number")]
    [InlineData("qdisc", "cake2", "unknown qdisc 'cake2'")]
    [InlineData("sysctl", "no-equals", "is not key=value")]
    [InlineData("sandbox", "vm", "unknown sandbox 'vm'")]
    public void Parameters_RejectBadValues_NamingWhatIsValid(string name, string value, string expected)
    {
        var ex = Assert.Throws<ParameterException>(() => CaseParameters.Apply(new Case(), name, value));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("192.168.1.1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Validator_RefusesNonLoopbackAddresses(string address)
    {
        var errors = CaseValidator.Validate(new Case { Bind = address, Transport = address.Contains(':') ? TransportKind.Tcp6 : TransportKind.Tcp4 });
        Assert.Contains(errors, e => e.Parameter == "bind" && e.Message.Contains("not a loopback", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("127.0.0.2", TransportKind.Tcp4)]
    [InlineData("127.255.0.9", TransportKind.Tcp4)]
    [InlineData("::1", TransportKind.Tcp6)]
    [InlineData("[::1]", TransportKind.Tcp6)]
    [InlineData("localhost", TransportKind.Tcp4)]
    public void Validator_AcceptsLoopbackAddresses(string address, TransportKind transport) =>
        Assert.Empty(CaseValidator.Validate(new Case { Bind = address, Transport = transport }));

    [Fact]
    public void Validator_ReportsEveryProblemAtOnce()
    {
        var errors = CaseValidator.Validate(new Case { DurationMs = 0, WarmupMs = -1, Port = 70000, Bind = "10.1.1.1" });
        Assert.Equal(["time", "warmup", "port", "bind"], errors.Select(e => e.Parameter));
    }

    [Fact]
    public void Validator_RejectsAddressFamilyMismatchAndUnixAddress()
    {
        Assert.Contains(CaseValidator.Validate(new Case { Bind = "::1" }), e => e.Parameter == "bind");
        Assert.Contains(CaseValidator.Validate(new Case { Transport = TransportKind.UnixStream, Bind = "127.0.0.1" }), e => e.Parameter == "bind");
    }
}
