using System.Text.Json;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Cli;

[Trait(Traits.Category, Traits.Sandbox)]
public sealed class EnvCommandTests
{
    [Fact(Timeout = 30_000)]
    public void Table_ShowsNamespacesQdiscsAndLimits()
    {
        var (code, stdout, _) = CliHarness.Run("env");
        Assert.Equal(0, code);
        foreach (string row in (string[])["root", "CAP_NET_ADMIN", "network namespaces", "congestion control available", "qdiscs that work on lo", "IPv6 on lo", "net.core.rmem_max", "tool iperf3", "tool iperf ", "tool nuttcp"])
        {
            Assert.Contains(row, stdout, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 30_000)]
    public void Json_ListsQdiscsThatReallyWork()
    {
        SandboxRequirement.Namespaces();
        var (code, stdout, _) = CliHarness.Run("env", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var caps = doc.RootElement.GetProperty("capabilities");
        Assert.True(caps.GetProperty("canCreateNetworkNamespace").GetBoolean());
        var works = caps.GetProperty("qdiscs").EnumerateArray().Where(q => q.GetProperty("works").GetBoolean()).Select(q => q.GetProperty("kind").GetString()).ToList();
        Assert.Contains("pfifo", works);
        Assert.Contains("tbf", works);
        Assert.Contains("htb", works);
        Assert.True(caps.GetProperty("limits").TryGetProperty("net.core.rmem_max", out _));
    }

    [Fact]
    public void InternalCaseVerb_IsHiddenFromHelpAndErrors()
    {
        var (_, stdout, _) = CliHarness.Run("--help");
        Assert.DoesNotContain("__case", stdout, StringComparison.Ordinal);
        var (code, _, stderr) = CliHarness.Run("frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("env, restore", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("__case", stderr, StringComparison.Ordinal);
    }
}
