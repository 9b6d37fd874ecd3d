using System.Text.Json;
using LoopBench.Core.Results;
using LoopBench.Core.Results.Export;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Results.Export;

/// <summary>The bounds gab and Bencher put around a median, and the units of cost figures, in every exporter.</summary>
public sealed class ExportRangeTests
{
    private static readonly double[] TenReps = [100, 104, 98, 101, 99, 103, 97, 102, 150, 60];

    private static RunResult RunOf(double[] values, int summarised)
    {
        var c = SyntheticRuns.Case(SyntheticRuns.StreamCase(0), new Dictionary<string, double[]> { [MetricIds.ThroughputBitsPerSecond] = values });
        c = c with { Summaries = RunAssembler.Summaries(c.Repetitions.Take(summarised).ToList(), 0.95) };
        return SyntheticRuns.Run("20261123T100000Z-abcdef", [c]);
    }

    private static JsonElement BencherMeasure(RunResult run, string measure)
    {
        using var doc = JsonDocument.Parse(BencherExporter.Write(run));
        return doc.RootElement.GetProperty(run.Cases[0].Key).GetProperty(measure).Clone();
    }

    private static JsonElement GabEntry(RunResult run, BetterDirection better, string metric)
    {
        using var doc = JsonDocument.Parse(GithubActionBenchmarkExporter.Write(run, better));
        return doc.RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString()!.EndsWith("| " + metric, StringComparison.Ordinal)).Clone();
    }

    [Fact]
    public void TenRepetitions_CarryTheStoredCiOfTheMedian()
    {
        var run = RunOf(TenReps, TenReps.Length);
        var summary = run.Cases[0].Summaries![MetricIds.ThroughputBitsPerSecond];
        Assert.NotNull(summary.CiLower);
        Assert.True(summary.CiLower > TenReps.Min() && summary.CiUpper < TenReps.Max(), "the fixture's CI must lie inside min–max, or the test cannot tell them apart");

        var bencher = BencherMeasure(run, "throughput-bits-per-second");
        Assert.Equal(100.5, bencher.GetProperty("value").GetDouble());
        Assert.Equal(summary.CiLower!.Value, bencher.GetProperty("lower_value").GetDouble());
        Assert.Equal(summary.CiUpper!.Value, bencher.GetProperty("upper_value").GetDouble());

        var gab = GabEntry(run, BetterDirection.Higher, MetricIds.ThroughputBitsPerSecond);
        double spread = Math.Max(summary.CiUpper.Value - 100.5, 100.5 - summary.CiLower.Value);
        Assert.Equal("± " + ExportRow.Number(spread), gab.GetProperty("range").GetString());
        Assert.Contains("range: 95% CI of the median [" + ExportRow.Number(summary.CiLower.Value) + ", ", gab.GetProperty("extra").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ThreeRepetitions_HaveNoCi_AndCarryMinMax()
    {
        var run = RunOf([100, 104, 98], 3);
        Assert.Null(run.Cases[0].Summaries![MetricIds.ThroughputBitsPerSecond].CiLower);

        var bencher = BencherMeasure(run, "throughput-bits-per-second");
        Assert.Equal(98, bencher.GetProperty("lower_value").GetDouble());
        Assert.Equal(104, bencher.GetProperty("upper_value").GetDouble());

        var gab = GabEntry(run, BetterDirection.Higher, MetricIds.ThroughputBitsPerSecond);
        Assert.Equal("± 4", gab.GetProperty("range").GetString());
        Assert.Contains("range: min–max of the repetitions [98, 104]", gab.GetProperty("extra").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("CI", gab.GetProperty("extra").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SummaryOfOtherRepetitions_IsNotUsed()
    {
        // A summary over 8 of the 10 exported values does not bound their median: min–max instead.
        var run = RunOf(TenReps, 8);
        Assert.NotNull(run.Cases[0].Summaries![MetricIds.ThroughputBitsPerSecond].CiLower);

        var bencher = BencherMeasure(run, "throughput-bits-per-second");
        Assert.Equal(60, bencher.GetProperty("lower_value").GetDouble());
        Assert.Equal(150, bencher.GetProperty("upper_value").GetDouble());
        Assert.Contains("min–max", GabEntry(run, BetterDirection.Higher, MetricIds.ThroughputBitsPerSecond).GetProperty("extra").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceDemand_CarriesItsUnit_InEveryExporter()
    {
        var c = SyntheticRuns.Case(SyntheticRuns.RrCase(0), new Dictionary<string, double[]>
        {
            [MetricIds.ServiceDemandUsPerKiB] = [0.5, 0.25, 0.75],
            [MetricIds.ServiceDemandUsPerTransaction] = [15, 16, 14],
        });
        var run = SyntheticRuns.Run("20261123T100000Z-abcdef", [c]);

        Assert.Equal("us/KiB", GabEntry(run, BetterDirection.Lower, MetricIds.ServiceDemandUsPerKiB).GetProperty("unit").GetString());
        Assert.Equal("us/transaction", GabEntry(run, BetterDirection.Lower, MetricIds.ServiceDemandUsPerTransaction).GetProperty("unit").GetString());

        Assert.Equal(0.5, BencherMeasure(run, "service-demand-us-per-kib").GetProperty("value").GetDouble());
        Assert.Equal(15, BencherMeasure(run, "service-demand-us-per-transaction").GetProperty("value").GetDouble());

        string[] csv = CsvExporter.Write(run).Split('\n');
        Assert.Contains(csv, l => l.EndsWith(",serviceDemandUsPerKiB,us/KiB,0.5", StringComparison.Ordinal));
        Assert.Contains(csv, l => l.EndsWith(",serviceDemandUsPerTransaction,us/transaction,15", StringComparison.Ordinal));

        // OpenMetrics converts to base units in the family name; no per-unit suffix is a valid OpenMetrics unit.
        Assert.Contains("\nloopbench_service_demand_seconds_per_byte{", OpenMetricsExporter.Write(run), StringComparison.Ordinal);
    }

    [Fact]
    public void UnitText_PlainAndPerWhat()
    {
        Assert.Equal("us/KiB", MetricCatalog.UnitText(MetricCatalog.Find(MetricIds.ServiceDemandUsPerKiB)!));
        Assert.Equal("us", MetricCatalog.UnitText(MetricCatalog.Find(MetricIds.CpuProcessUs)!));
        Assert.Equal("bit/s", MetricCatalog.UnitText(MetricCatalog.Find(MetricIds.ThroughputBitsPerSecond)!));
    }
}
