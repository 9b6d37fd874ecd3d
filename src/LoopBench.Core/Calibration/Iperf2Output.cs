using System.Globalization;

namespace LoopBench.Core.Calibration;

/// <summary>
/// Parses <c>iperf -y C</c> (iperf 2.1) client output: one CSV line per flow
/// (time,src,sport,dst,dport,id,interval,bytes,bits_per_second) and, on some versions, a sum line
/// with id -1. The sum line wins; otherwise the flows are added.
/// </summary>
internal static class Iperf2Output
{
    /// <summary>Total throughput of one run, or false with the reason.</summary>
    public static bool TryParse(string csv, out IReadOnlyDictionary<string, double> figures, out string error)
    {
        ArgumentNullException.ThrowIfNull(csv);
        figures = new Dictionary<string, double>();
        double flows = 0;
        double? sum = null;
        int lines = 0;
        foreach (string line in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] fields = line.Split(',');
            if (fields.Length < 9
                || !int.TryParse(fields[5], NumberStyles.Integer, CultureInfo.InvariantCulture, out int id)
                || !double.TryParse(fields[8], NumberStyles.Float, CultureInfo.InvariantCulture, out double bitsPerSecond))
            {
                continue;
            }

            lines++;
            if (id < 0)
            {
                sum = bitsPerSecond;
            }
            else
            {
                flows += bitsPerSecond;
            }
        }

        if (lines == 0)
        {
            error = "iperf output has no CSV result line (was -y C given?)";
            return false;
        }

        error = string.Empty;
        figures = new Dictionary<string, double>(StringComparer.Ordinal) { [ToolFigures.ThroughputBitsPerSecond] = sum ?? flows };
        return true;
    }
}
