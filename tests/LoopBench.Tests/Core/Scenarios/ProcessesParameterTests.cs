using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Tests.Core.Scenarios;

public sealed class ProcessesParameterTests
{
    [Fact]
    public void Key_TwoProcesses_SaysSo_AndOneProcessAddsNothing()
    {
        Assert.Contains(" processes=2 ", new Case { Processes = 2 }.Key, StringComparison.Ordinal);
        Assert.DoesNotContain("processes", new Case().Key, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_Processes_ParsesAndChecksTheRange()
    {
        Assert.Equal(2, CaseParameters.Apply(new Case(), "processes", "2").Processes);
        Assert.Throws<ParameterException>(() => CaseParameters.Apply(new Case(), "processes", "two"));
        var error = Assert.Single(CaseValidator.Validate(new Case { Processes = 3 }));
        Assert.Equal("processes", error.Parameter);
        Assert.Contains("use 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TransportKind.Tcp4, PatternKind.Stream)]
    [InlineData(TransportKind.Tcp6, PatternKind.Reverse)]
    [InlineData(TransportKind.UnixStream, PatternKind.Rr)]
    public void Validate_SupportedCombination_HasNoError(TransportKind transport, PatternKind pattern) =>
        Assert.Empty(CaseValidator.Validate(new Case { Processes = 2, Transport = transport, Pattern = pattern }));

    [Theory]
    [InlineData("congestion", "cubic")]
    [InlineData("server-rcvbuf", "64K")]
    [InlineData("sndbuf", "1M")]
    [InlineData("client-quickack", "on")]
    public void Validate_SocketKnob_IsNoLongerRefusedWithTwoProcesses(string parameter, string value)
    {
        var c = CaseParameters.Apply(new Case { Processes = 2 }, parameter, value);

        Assert.Null(CaseProcessesRules.Refusal(c));
        Assert.DoesNotContain(CaseValidator.Validate(c), e => e.Parameter == "processes");
    }

    [Theory]
    [InlineData("udp4")]
    [InlineData("unix-dgram")]
    public void Validate_DatagramTransport_RefusesTwoProcesses_NamingWhatIsSupported(string transport)
    {
        var c = CaseParameters.Apply(new Case { Processes = 2 }, "transport", transport);

        var error = Assert.Single(CaseValidator.Validate(c), e => e.Parameter == "processes");
        Assert.Contains($"does not support {transport}", error.Message, StringComparison.Ordinal);
        Assert.Contains(CaseProcessesRules.ChildServerSupport, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pattern", "crr", "crr")]
    [InlineData("pattern", "bidir", "bidir")]
    [InlineData("pattern", "rr-under-load", "rr-under-load")]
    [InlineData("parallel", "2", "-P 2")]
    [InlineData("sandbox", "netns", "sandbox netns")]
    [InlineData("bytes", "1M", "-n/-k")]
    [InlineData("engine", "pipelines", "engine pipelines")]
    [InlineData("zerocopy", "on", "zerocopy")]
    [InlineData("skip-copy", "on", "skip-copy")]
    public void Validate_OtherUnsupported_RefusesTwoProcesses(string parameter, string value, string named)
    {
        var c = CaseParameters.Apply(new Case { Processes = 2 }, parameter, value);

        var error = Assert.Single(CaseValidator.Validate(c), e => e.Parameter == "processes");
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scenario_Processes_RoundTripsThroughTheLoader_AndIntoTheKey()
    {
        var scenario = Scenario.FromText("s.yaml", "defaults:\n  time: 1\nmatrix:\n  processes: [1, 2]\n  transport: [tcp4, unix-stream]\n", []);

        Assert.Equal([1, 1, 2, 2], scenario.Cases.Select(c => c.Processes));
        Assert.All(scenario.Cases.Where(c => c.Processes == 2), c => Assert.Contains("processes=2", c.Key, StringComparison.Ordinal));
        var json = System.Text.Json.JsonSerializer.Serialize(scenario.Cases[0].Resolve(), LoopBench.Core.Results.ResultJson.Options);
        Assert.Contains("\"processes\": 1", json, StringComparison.Ordinal); // the default is recorded too
    }

    [Fact]
    public void Scenario_UdpWithTwoProcesses_IsAFileLineError()
    {
        var ex = Assert.Throws<ScenarioException>(() => Scenario.FromText("s.yaml", "defaults:\n  transport: udp4\n  processes: 2\n", []));

        var error = Assert.Single(ex.Errors);
        Assert.StartsWith("s.yaml:3:", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("processes 2 does not support udp4", error.Message, StringComparison.Ordinal);
    }
}
