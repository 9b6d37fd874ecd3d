using LoopBench.Core;

namespace LoopBench.Tests.Core;

public sealed class UnitScaleTests
{
    [Theory]
    [InlineData(MetricUnitKind.BitsPerSecond, 1e9, "Gbit/s", "Mbit/s")]
    [InlineData(MetricUnitKind.BitsPerSecond, 1e6, "Mbit/s", "kbit/s")]
    [InlineData(MetricUnitKind.BitsPerSecond, 1e3, "kbit/s", "kbit/s")]
    [InlineData(MetricUnitKind.Nanoseconds, 1e9, "s", "ms")]
    [InlineData(MetricUnitKind.Nanoseconds, 1e6, "ms", "µs")]
    [InlineData(MetricUnitKind.Nanoseconds, 1e3, "µs", "µs")]
    [InlineData(MetricUnitKind.Microseconds, 1e6, "s", "ms")]
    [InlineData(MetricUnitKind.Microseconds, 1e3, "ms", "µs")]
    [InlineData(MetricUnitKind.PerSecond, 1e6, "M/s", "k/s")]
    [InlineData(MetricUnitKind.PerSecond, 1e3, "k/s", "/s")]
    [InlineData(MetricUnitKind.Bytes, 1024.0 * 1024 * 1024 * 1024, "TiB", "GiB")]
    [InlineData(MetricUnitKind.Bytes, 1024.0 * 1024 * 1024, "GiB", "MiB")]
    [InlineData(MetricUnitKind.Bytes, 1024.0 * 1024, "MiB", "KiB")]
    [InlineData(MetricUnitKind.Bytes, 1024, "KiB", "B")]
    [InlineData(MetricUnitKind.Bytes, 1, "B", "B")]
    [InlineData(MetricUnitKind.Percent, 1, "%", "%")]
    [InlineData(MetricUnitKind.Ratio, 1, "ratio", "ratio")]
    [InlineData(MetricUnitKind.Count, 1, "count", "count")]
    public void For_MagnitudeAtABoundary_SwitchesThereAndNotBelow(MetricUnitKind kind, double boundary, string at, string below)
    {
        Assert.Equal(at, UnitScale.For(kind, boundary).Unit);
        Assert.Equal(below, UnitScale.For(kind, Math.BitDecrement(boundary)).Unit);
    }

    [Theory]
    [InlineData(MetricUnitKind.BitsPerSecond, -2e9, "Gbit/s")]
    [InlineData(MetricUnitKind.Nanoseconds, -1e6, "ms")]
    [InlineData(MetricUnitKind.PerSecond, -5e3, "k/s")]
    [InlineData(MetricUnitKind.Bytes, -2048, "KiB")]
    public void For_NegativeValue_UsesItsMagnitude(MetricUnitKind kind, double value, string unit) =>
        Assert.Equal(unit, UnitScale.For(kind, value).Unit);

    [Fact]
    public void For_EveryUnitKind_HasADisplayUnitForEveryMagnitude()
    {
        foreach (var kind in Enum.GetValues<MetricUnitKind>())
        {
            foreach (double magnitude in new[] { 0, 1e-3, 1, 1e3, 1e6, 1e9, 1e15, double.NaN })
            {
                var scale = UnitScale.For(kind, magnitude);
                Assert.Equal(kind, scale.Kind);
                Assert.Equal(1 / scale.PerUnit, scale.Factor);
            }
        }
    }

    [Theory]
    [InlineData(MetricUnitKind.BitsPerSecond, 9.87e9, "9.870 Gbit/s")]
    [InlineData(MetricUnitKind.BitsPerSecond, 250e6, "250.000 Mbit/s")]
    [InlineData(MetricUnitKind.BitsPerSecond, 64e3, "64.000 kbit/s")]
    [InlineData(MetricUnitKind.Nanoseconds, 13_200, "13.20 µs")]
    [InlineData(MetricUnitKind.Nanoseconds, 2_500_000, "2.500 ms")]
    [InlineData(MetricUnitKind.Nanoseconds, 3e9, "3.000 s")]
    [InlineData(MetricUnitKind.Microseconds, 0.0123, "0.0123 µs")]
    [InlineData(MetricUnitKind.PerSecond, 75_300, "75.30k/s")]
    [InlineData(MetricUnitKind.PerSecond, 1_234_567, "1.235M/s")]
    [InlineData(MetricUnitKind.PerSecond, 12.34, "12.3/s")]
    [InlineData(MetricUnitKind.Bytes, 3 * 1024 * 1024, "3.00 MiB")]
    [InlineData(MetricUnitKind.Bytes, 512, "512 B")]
    [InlineData(MetricUnitKind.Percent, 87.34, "87.3%")]
    [InlineData(MetricUnitKind.Ratio, 0.12345, "0.1235")]
    [InlineData(MetricUnitKind.Count, 42, "42")]
    [InlineData(MetricUnitKind.Nanoseconds, -13_200, "-13.20 µs")]
    public void Figure_Value_IsWrittenInItsUnit(MetricUnitKind kind, double value, string expected) =>
        Assert.Equal(expected, UnitScale.Figure(kind, value));

    [Fact]
    public void Named_KnownUnit_IsTheTableRow()
    {
        var gbit = UnitScale.Named(MetricUnitKind.BitsPerSecond, "Gbit/s");
        Assert.Equal(1e9, gbit.PerUnit);
        Assert.Equal("1.50", gbit.Number(1.5e9, "0.00"));
        Assert.Same(UnitScale.For(MetricUnitKind.BitsPerSecond, 5e9), gbit);
    }

    [Fact]
    public void Named_FixedUnit_KeepsItsUnitWhateverTheMagnitude()
    {
        // A column or axis that names its unit: no switch to ms at 2.5e6 ns, as For would pick.
        var us = UnitScale.Named(MetricUnitKind.Nanoseconds, "µs");
        Assert.Equal("2500.00", us.Number(2_500_000));
        Assert.Equal("13 µs", us.Figure(13_200, "0"));
        Assert.Equal(13.2, us.Scale(13_200));
        Assert.Equal("1.0 GiB", UnitScale.Named(MetricUnitKind.Bytes, "GiB").Figure(1L << 30, "0.0"));
    }

    [Fact]
    public void Named_UnitOfAnotherKind_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => UnitScale.Named(MetricUnitKind.Nanoseconds, "Gbit/s"));
}
