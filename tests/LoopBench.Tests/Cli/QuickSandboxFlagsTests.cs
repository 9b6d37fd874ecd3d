using System.Text.Json;
using LoopBench.Plotting.Adapters;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Cli;

/// <summary>The sandbox from the command line: quick's flags, run's matrix rule, and a swept qdisc limit as a plot axis.</summary>
[Trait(Traits.Category, Traits.Sandbox)]
[Collection(SandboxCollection.Name)]
public sealed class QuickSandboxFlagsTests
{
    [Fact(Timeout = 60_000)]
    public void Quick_Mtu_RunsInANamespace_AndTheJsonCarriesWhatItHad()
    {
        SandboxRequirement.Namespaces();
        var (code, stdout, stderr) = CliHarness.Run("quick", "--mtu", "9000", "--txqueuelen", "50", "-t", "300ms", "--warmup", "100ms", "-i", "0", "--json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var c = json.RootElement.GetProperty("cases")[0];
        Assert.Equal("netns", c.GetProperty("case").GetProperty("sandbox").GetString());
        Assert.Contains("sandbox=netns mtu=9000 txqueuelen=50", c.GetProperty("key").GetString(), StringComparison.Ordinal);
        var link = c.GetProperty("repetitions")[0].GetProperty("sandbox").GetProperty("link");
        Assert.Equal(9000, link.GetProperty("mtuBytes").GetInt32());
        Assert.Equal(50, link.GetProperty("txQueueLenPackets").GetInt32());
    }

    [Fact(Timeout = 60_000)]
    public void Quick_HostWideSysctl_WithoutTheFlag_ExitsTwoAndChangesNothing()
    {
        SandboxRequirement.Namespaces(); // the scope of a key is found by trying it in a throwaway namespace
        string before = File.ReadAllText("/proc/sys/net/core/rmem_max");
        var (code, _, stderr) = CliHarness.Run("quick", "--sysctl", "net.core.rmem_max=8388608", "-t", "100ms");

        Assert.Equal(2, code);
        Assert.Contains("net.core.rmem_max", stderr, StringComparison.Ordinal);
        Assert.Contains("--allow-host-sysctls", stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText("/proc/sys/net/core/rmem_max"));
    }

    [Theory(Timeout = 10_000)]
    [InlineData("--mtu", "70000", "out of range")]
    [InlineData("--qdisc", "tbf:rate=1gbit,burst=32K", "burst")]
    [InlineData("--qdisc", "nosuch", "unknown qdisc 'nosuch'")]
    [InlineData("--sandbox", "vm", "unknown sandbox 'vm'")]
    public void Quick_BadSandboxValue_ExitsTwoNamingTheFlag(string flag, string value, string expected)
    {
        var (code, _, stderr) = CliHarness.Run("quick", flag, value, "-t", "100ms");

        Assert.Equal(2, code);
        Assert.Contains(flag, stderr, StringComparison.Ordinal);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    public void Run_DryRun_PutsEveryCaseOfANamespaceMatrixInANamespace()
    {
        var (code, stdout, stderr) = CliHarness.Run("run", RepoFiles.PathOf("scenarios", "shaper-queue.yaml"), "--dry-run");

        Assert.True(code == 0, stderr);
        var keys = stdout.Split('\n').Where(l => l.Contains("udp4", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, keys.Count);
        Assert.All(keys, k => Assert.Contains("sandbox=netns", k, StringComparison.Ordinal));
    }

    [Fact]
    public void SweptQdiscLimit_IsANumericAxis_AndTheQdiscTextFollowsFromIt()
    {
        string[] keys =
        [
            "udp4 stream blocking unpinned len=1400 sandbox=netns qdisc=htb:rate=200mbit,child=pfifo,limit=1 t=2s",
            "udp4 stream blocking unpinned len=1400 sandbox=netns qdisc=htb:rate=200mbit,child=pfifo,limit=64 t=2s",
        ];
        var axes = CaseAxes.Of(keys);

        Assert.Equal(["qdisc.limit"], axes.Varying);
        Assert.Equal(64, axes.Number(keys[1], "qdisc.limit"));
    }
}
