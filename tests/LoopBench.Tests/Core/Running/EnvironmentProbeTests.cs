using LoopBench.Core.Running;

namespace LoopBench.Tests.Core.Running;

public sealed class EnvironmentProbeTests
{
    [Fact]
    public void ParseIpLink_ReadsQdiscAndOffloadMaximums()
    {
        const string output = "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\n"
            + "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 promiscuity 0 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536";
        var values = HostFacts.ParseIpLink(output);
        Assert.Equal("noqueue", values["qdisc"]);
        Assert.Equal("65536", values["gso_max_size"]);
        Assert.Equal("524280", values["tso_max_size"]);
        Assert.Equal("65536", values["gro_max_size"]);
        Assert.Empty(HostFacts.ParseIpLink(null));
    }

    [Fact(Timeout = 10_000)]
    public void Capture_RecordsTheRunContext()
    {
        var env = EnvironmentProbe.Capture();
        Assert.NotNull(env.CpuGovernor);
        Assert.NotNull(env.Virtualization);
        Assert.NotNull(env.DotnetKnobs);
        Assert.Contains("tieredPgo", env.DotnetKnobs!.Keys);
        Assert.NotNull(env.DotnetVariables);
        Assert.NotNull(env.Mitigations);
        Assert.True(env.Sysctls.Count >= 20, $"{env.Sysctls.Count} sysctls");
    }
}
