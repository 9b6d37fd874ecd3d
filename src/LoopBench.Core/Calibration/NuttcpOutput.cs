using System.Globalization;
using System.Text.RegularExpressions;

namespace LoopBench.Core.Calibration;

/// <summary>Parses <c>nuttcp -fparse</c> output: "megabytes=… real_seconds=… rate_Mbps=…" (Mbps = 10^6 bit/s).</summary>
internal static partial class NuttcpOutput
{
    /// <summary>Throughput of one run, or false with the reason.</summary>
    public static bool TryParse(string text, out IReadOnlyDictionary<string, double> figures, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        figures = new Dictionary<string, double>();
        var m = Rate().Match(text);
        if (!m.Success)
        {
            error = "nuttcp output has no rate_Mbps (was -fparse given?)";
            return false;
        }

        error = string.Empty;
        double mbps = double.Parse(m.Groups["mbps"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        figures = new Dictionary<string, double>(StringComparer.Ordinal) { [ToolFigures.ThroughputBitsPerSecond] = mbps * 1e6 };
        return true;
    }

    [GeneratedRegex(@"rate_Mbps=(?<mbps>[0-9.]+)")]
    private static partial Regex Rate();
}
