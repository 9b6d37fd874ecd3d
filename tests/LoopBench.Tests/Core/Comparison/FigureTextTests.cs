using LoopBench.Core.Comparison;

namespace LoopBench.Tests.Core.Comparison;

public sealed class FigureTextTests
{
    [Theory]
    [InlineData(9.87e9, "bit/s", "9.870 Gbit/s")]
    [InlineData(13_200, "ns", "13.20 µs")]
    [InlineData(75_300, "1/s", "75.30k/s")]
    [InlineData(3 * 1024 * 1024, "B", "3.00 MiB")]
    [InlineData(0.0123, "us/KiB", "0.0123 µs/KiB")]
    [InlineData(0.5, "ratio", "0.5")]
    [InlineData(12345.678, "unknown", "1.235E+04")]
    public void Of_CatalogueUnitText_WritesTheDisplayUnit(double value, string unit, string expected) =>
        Assert.Equal(expected, FigureText.Of(value, unit));
}
