using System.Text.Json;

namespace LoopBench.Core.Calibration;

/// <summary>Parses <c>iperf3 -J</c> output (3.x): TCP received throughput, UDP received datagrams/s.</summary>
internal static class Iperf3Output
{
    /// <summary>Figures of one iperf3 run, or false with the reason (an "error" field, malformed JSON).</summary>
    public static bool TryParse(string json, bool udp, out IReadOnlyDictionary<string, double> figures, out string error)
    {
        figures = new Dictionary<string, double>();
        error = string.Empty;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.TryGetProperty("error", out var reported))
            {
                error = "iperf3: " + reported.GetString();
                return false;
            }

            var received = root.GetProperty("end").GetProperty("sum_received");
            double seconds = received.GetProperty("seconds").GetDouble();
            var result = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                [ToolFigures.ThroughputBitsPerSecond] = received.GetProperty("bits_per_second").GetDouble(),
            };
            if (udp)
            {
                // The receiver's "packets" counts what the sender numbered up to the last arrival; minus lost = arrived.
                double arrived = received.GetProperty("packets").GetDouble() - received.GetProperty("lost_packets").GetDouble();
                result[ToolFigures.DatagramsPerSecond] = seconds > 0 ? arrived / seconds : 0;
            }

            figures = result;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            error = "iperf3 output is not the expected JSON: " + ex.Message;
            return false;
        }
    }
}
