using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Cli;

public sealed class QuickKnobFlagsTests
{
    public static TheoryData<string, string, string, string> BadKnobs() => new()
    {
        { "-C", "nosuchcc", "-C/--congestion", "available:" },
        { "-M", "40", "-M/--mss", "88 to 32767" },
        { "-w", "4G", "-w/--window", "1073741823" },
    };

    [Theory(Timeout = 10_000)]
    [MemberData(nameof(BadKnobs))]
    public void Quick_BadKnob_ExitsTwoNamingFlagAndKernelRange(string flag, string value, string named, string offered)
    {
        var (code, _, stderr) = CliHarness.Run("quick", flag, value, "-t", "100ms");

        Assert.Equal(2, code);
        Assert.Contains(named, stderr, StringComparison.Ordinal);
        Assert.Contains(offered, stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    [Trait(Traits.Category, Traits.Loopback)]
    public void Quick_CongestionAndWindow_TableShowsKnobsCountersAndCpu()
    {
        var (code, stdout, _) = CliHarness.Run("quick", "-C", "reno", "-w", "16M", "-t", "300ms", "--warmup", "50ms", "-i", "0");

        Assert.Equal(0, code);
        Assert.Contains("TCP_CONGESTION reno requested, reno effective", stdout, StringComparison.Ordinal);
        Assert.Contains("SO_RCVBUF 16 MiB requested", stdout, StringComparison.Ordinal);
        Assert.Contains("\nkernel   ", stdout, StringComparison.Ordinal);
        Assert.Contains("\ncpu      process ", stdout, StringComparison.Ordinal);
        Assert.Contains("µs/KiB", stdout, StringComparison.Ordinal);
    }
}
