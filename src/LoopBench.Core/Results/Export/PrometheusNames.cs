using System.Text.Json;

namespace LoopBench.Core.Results.Export;

/// <summary>
/// A metric id as a Prometheus family: base units (seconds, bytes, ratios 0..1) and no
/// abbreviated units in the name, as <c>promtool check metrics</c> lints them.
/// </summary>
/// <param name="Name">Family name, with the <see cref="OpenMetricsExporter.Prefix"/>.</param>
/// <param name="Unit">OpenMetrics unit, a suffix of the name; null when the figure has none (counts, rates of events).</param>
/// <param name="Divisor">Recorded value ÷ this = value in the family's unit.</param>
/// <param name="Converted">What the recorded unit became, for the help text; null when the value is exported as recorded.</param>
internal sealed record PrometheusName(string Name, string? Unit, double Divisor, string? Converted)
{
    private const double NanosecondsPerSecond = 1e9;
    private const double MicrosecondsPerSecond = 1e6;
    private const double BitsPerByte = 8;
    private const double BytesPerKiB = 1024;
    private const double PercentPerRatio = 100;

    /// <summary>The family for <paramref name="metric"/>; ids this build does not know keep their snake_case name and value.</summary>
    public static PrometheusName Of(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        string snake = JsonNamingPolicy.SnakeCaseLower.ConvertName(metric);
        var unit = MetricCatalog.Find(metric)?.Unit;
        return unit switch
        {
            // Dividing (21000 / 1e9 prints 2.1E-05) is exact to the last digit where multiplying by 1e-9 is not.
            MetricUnitKind.Nanoseconds when snake.EndsWith("_ns", StringComparison.Ordinal) =>
                new(OpenMetricsExporter.Prefix + snake[..^3] + "_seconds", "seconds", NanosecondsPerSecond, "seconds"),
            MetricUnitKind.Microseconds => FromMicroseconds(snake),
            MetricUnitKind.BitsPerSecond when snake.EndsWith("_bits_per_second", StringComparison.Ordinal) =>
                new(OpenMetricsExporter.Prefix + snake[..^"_bits_per_second".Length] + "_bytes_per_second", "bytes_per_second", BitsPerByte, "bytes per second"),
            MetricUnitKind.Percent => new(OpenMetricsExporter.Prefix + Ratio(snake.Replace("_percent", string.Empty, StringComparison.Ordinal)), "ratio", PercentPerRatio, "a ratio (1 = 100%)"),
            MetricUnitKind.Ratio => new(OpenMetricsExporter.Prefix + Ratio(snake), "ratio", 1, null),
            MetricUnitKind.Bytes when snake == "bytes" || snake.EndsWith("_bytes", StringComparison.Ordinal) => new(OpenMetricsExporter.Prefix + snake, "bytes", 1, null),
            _ when snake.EndsWith("_ns", StringComparison.Ordinal) =>
                new(OpenMetricsExporter.Prefix + snake[..^3] + "_seconds", "seconds", NanosecondsPerSecond, "seconds"),
            _ => new(OpenMetricsExporter.Prefix + snake, null, 1, null),
        };
    }

    /// <summary>"cpu_process_us" → seconds; "service_demand_us_per_ki_b" → seconds per byte (÷ 1e6 ÷ 1024).</summary>
    private static PrometheusName FromMicroseconds(string snake)
    {
        string name = snake.EndsWith("_us", StringComparison.Ordinal) ? snake[..^3] + "_seconds" : snake.Replace("_us_", "_seconds_", StringComparison.Ordinal);
        if (name.EndsWith("_per_ki_b", StringComparison.Ordinal))
        {
            return new(OpenMetricsExporter.Prefix + name[..^"_per_ki_b".Length] + "_per_byte", null, MicrosecondsPerSecond * BytesPerKiB, "seconds per byte");
        }

        int at = name.IndexOf("seconds", StringComparison.Ordinal);
        string converted = at < 0 ? "seconds" : name[at..].Replace('_', ' ');
        return new(OpenMetricsExporter.Prefix + name, name.EndsWith("_seconds", StringComparison.Ordinal) ? "seconds" : null, MicrosecondsPerSecond, converted);
    }

    private static string Ratio(string snake) => snake.EndsWith("_ratio", StringComparison.Ordinal) ? snake : snake + "_ratio";
}
