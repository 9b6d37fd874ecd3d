using LoopBench.Core;

namespace LoopBench.Tests.Core;

public sealed class ValueParsersTests
{
    [Theory]
    [InlineData("64", 64)]
    [InlineData("128K", 131072)]
    [InlineData("128k", 131072)]
    [InlineData("64KiB", 65536)]
    [InlineData("1MiB", 1048576)]
    [InlineData("1M", 1048576)]
    [InlineData("1.5M", 1572864)]
    [InlineData("1KB", 1000)]
    [InlineData("2G", 2147483648)]
    [InlineData(" 10 B ", 10)]
    public void Bytes_Parse(string text, long expected)
    {
        Assert.True(ValueParsers.TryParseBytes(text, out long bytes, out _));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("12XB")]
    [InlineData("1,5M")]
    [InlineData(null)]
    public void Bytes_RejectGarbage(string? text)
    {
        Assert.False(ValueParsers.TryParseBytes(text, out _, out string error));
        Assert.Contains("size", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10", 10_000)]
    [InlineData("0.5", 500)]
    [InlineData("500ms", 500)]
    [InlineData("2s", 2_000)]
    [InlineData("1m", 60_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("-1", -1_000)]
    [InlineData("0", 0)]
    public void Durations_Parse(string text, long expectedMs)
    {
        Assert.True(ValueParsers.TryParseDurationMs(text, out long ms, out _));
        Assert.Equal(expectedMs, ms);
    }

    [Theory]
    [InlineData("ten")]
    [InlineData("5 parsecs")]
    [InlineData("")]
    public void Durations_RejectGarbage(string text) =>
        Assert.False(ValueParsers.TryParseDurationMs(text, out _, out _));
}
