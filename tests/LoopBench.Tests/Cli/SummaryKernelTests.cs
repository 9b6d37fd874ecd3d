using LoopBench.Cli.Terminal;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Cli;

/// <summary>The summary's cpu block: its times and service demand in the units UnitScale names.</summary>
public sealed class SummaryKernelTests
{
    private static RepetitionResult Repetition(double? perKiB, double? perTransaction) => FakeRepetitions.Result(0, 0) with
    {
        Cpu = new CpuResult(1_000_000_000, 900_400, 99_600, 0, 0, 0, 0, 0,
            [new ThreadCpuResult(1, "lb-c0-tx", true, 990_000) { CpuNs = 987_650_000 }, new ThreadCpuResult(2, "lb-s0-rx", true, 12_340)],
            2_500, perKiB, null, perTransaction, CpuResult.ApproximateSplitNote),
    };

    [Fact]
    public void Cpu_TimesInMilliseconds_ThreadsAtTheirResolution()
    {
        string text = SummaryKernel.Render(Repetition(0.0123, null), verbose: false);

        Assert.Contains("process 1000 ms (100% of one core; user 900 ms, sys 100 ms)", text, StringComparison.Ordinal);
        Assert.Contains("harness 3 ms", text, StringComparison.Ordinal);
        Assert.Contains("lb-c0-tx 987.7 ms, lb-s0-rx 12.3 ms", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0123, null, "; 0.0123 µs/KiB;")]
    [InlineData(0.0123, 25.5, "; 25.5 µs/transaction;")]
    [InlineData(null, 1500.0, "; 1.500 ms/transaction;")]
    [InlineData(null, null, "; no service demand (nothing moved);")]
    public void ServiceDemand_ReadsAsCompareShowsTheMetric(double? perKiB, double? perTransaction, string expected)
    {
        Assert.Contains(expected, SummaryKernel.Render(Repetition(perKiB, perTransaction), verbose: false), StringComparison.Ordinal);
    }
}
