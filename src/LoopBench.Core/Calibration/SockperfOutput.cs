using System.Globalization;
using System.Text.RegularExpressions;

namespace LoopBench.Core.Calibration;

/// <summary>
/// Parses <c>sockperf ping-pong --full-rtt</c> (3.x) output: percentiles in µs from the
/// "---> percentile" lines and round trips/s from the "[Valid Duration]" line (the window after
/// sockperf's own warm-up). ANSI colour codes are stripped first.
/// </summary>
internal static partial class SockperfOutput
{
    /// <summary>Figures of one run, or false with the reason.</summary>
    public static bool TryParse(string text, out IReadOnlyDictionary<string, double> figures, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        figures = new Dictionary<string, double>();
        string clean = Ansi().Replace(text, string.Empty);
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        var valid = ValidDuration().Match(clean);
        if (!valid.Success)
        {
            error = "sockperf output has no [Valid Duration] line";
            return false;
        }

        double seconds = Number(valid.Groups["sec"].Value);
        double received = Number(valid.Groups["recv"].Value);
        result[ToolFigures.TransactionsPerSecond] = seconds > 0 ? received / seconds : 0;
        result[ToolFigures.RttSamples] = received;
        foreach (Match m in Percentile().Matches(clean))
        {
            string? id = m.Groups["q"].Value switch
            {
                "50.000" => ToolFigures.RttP50Ns,
                "99.000" => ToolFigures.RttP99Ns,
                "99.900" => ToolFigures.RttP999Ns,
                _ => null,
            };
            if (id is not null)
            {
                result[id] = Number(m.Groups["us"].Value) * 1000;
            }
        }

        if (!result.ContainsKey(ToolFigures.RttP50Ns))
        {
            error = "sockperf output has no percentile lines";
            return false;
        }

        error = string.Empty;
        figures = result;
        return true;
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Ansi();

    [GeneratedRegex(@"\[Valid Duration\] RunTime=(?<sec>[0-9.]+) sec; SentMessages=\d+; ReceivedMessages=(?<recv>\d+)")]
    private static partial Regex ValidDuration();

    [GeneratedRegex(@"---> percentile (?<q>[0-9.]+) =\s*(?<us>[0-9.]+)")]
    private static partial Regex Percentile();
}
