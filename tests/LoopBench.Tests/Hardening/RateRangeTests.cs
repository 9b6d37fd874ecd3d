using LoopBench.Core.Scenarios;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Hardening;

/// <summary>Progress intervals and pacing targets that cannot mean what they say are refused, not run.</summary>
public sealed class RateRangeTests
{
    [Theory(Timeout = 30_000)]
    [InlineData("-i", "1ns", "shorter than 1 ms")]
    [InlineData("-i", "0.0001", "shorter than 1 ms")]
    [InlineData("-i", "5ms", "out of range")]
    [InlineData("--pps", "1000000000000", "out of range")]
    [InlineData("--bitrate", "5000G", "out of range")]
    public void Quick_AMeaninglessValue_ExitsTwoBeforeRunning(string flag, string value, string reason)
    {
        var (code, stdout, stderr) = CliHarness.Run("quick", "--transport", flag == "-i" ? "tcp4" : "udp4", flag, value, "-t", "200ms", "--warmup", "0");
        Assert.True(code == 2, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Gbit/s", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData("10ms", 10)]
    [InlineData("1", 1000)]
    public void Interval_ZeroAndTheLowerBound_AreAccepted(string text, long expectedMs)
    {
        var c = CaseParameters.Apply(new Case(), "interval", text);
        Assert.Equal(expectedMs, c.IntervalMs);
        Assert.DoesNotContain(CaseValidator.Validate(c), e => e.Parameter == "interval");
    }
}
