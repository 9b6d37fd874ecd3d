using System.Text.Json;

namespace LoopBench.Core.Calibration;

/// <summary>
/// Parses tools/pingpong's output: one JSON line with "roundTrips", "transactionsPerSecond" and the
/// RTT percentiles "rttP50Ns", "rttP99Ns", "rttP999Ns" (ns, nearest rank over every round trip of the window).
/// </summary>
internal static class PingPongOutput
{
    /// <summary>Figures of one run, or false with the reason.</summary>
    public static bool TryParse(string text, out IReadOnlyDictionary<string, double> figures, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        figures = new Dictionary<string, double>();
        string? line = text.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('{'));
        if (line is null)
        {
            error = "pingpong printed no JSON line";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var result = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (property, id) in Fields)
            {
                if (!root.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.Number)
                {
                    error = $"pingpong output has no number \"{property}\"";
                    return false;
                }

                result[id] = value.GetDouble();
            }

            if (result[ToolFigures.RttSamples] <= 0)
            {
                error = "pingpong completed no round trip";
                return false;
            }

            error = string.Empty;
            figures = result;
            return true;
        }
        catch (JsonException ex)
        {
            error = "pingpong output is not JSON: " + ex.Message;
            return false;
        }
    }

    private static readonly (string Property, string Id)[] Fields =
    [
        ("roundTrips", ToolFigures.RttSamples),
        ("transactionsPerSecond", ToolFigures.TransactionsPerSecond),
        ("rttP50Ns", ToolFigures.RttP50Ns),
        ("rttP99Ns", ToolFigures.RttP99Ns),
        ("rttP999Ns", ToolFigures.RttP999Ns),
    ];
}
