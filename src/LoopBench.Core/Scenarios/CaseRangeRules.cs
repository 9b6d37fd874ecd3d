namespace LoopBench.Core.Scenarios;

/// <summary>The case's times, rates, sizes and port: each within the range that makes a measurement.</summary>
internal static class CaseRangeRules
{
    /// <summary>Longest window or warm-up accepted: one day.</summary>
    public const long MaxDurationMs = 24L * 3600 * 1000;

    /// <summary>Shortest interval between progress lines: 10 ms, below which a line says more about the timer than the traffic.</summary>
    public const long MinIntervalMs = 10;

    /// <summary>Highest datagram pacing target: 100 M/s, far above what one loopback socket sends.</summary>
    public const double MaxPacketsPerSecond = 100_000_000;

    /// <summary>Highest bit-rate pacing target: 1 Tbit/s.</summary>
    public const long MaxBitsPerSecond = 1_000_000_000_000;

    public static void Check(Case c, List<CaseError> errors)
    {
        if (c.DurationMs <= 0 || c.DurationMs > MaxDurationMs)
        {
            errors.Add(new("time", $"{c.DurationMs} ms is out of range; the window must be positive and at most 24 h"));
        }

        if (c.WarmupMs < 0 || c.WarmupMs > MaxDurationMs)
        {
            errors.Add(new("warmup", $"{c.WarmupMs} ms is out of range; use 0 to 24 h"));
        }

        if (c.IntervalMs < 0 || (c.IntervalMs > 0 && c.IntervalMs < MinIntervalMs) || c.IntervalMs > MaxDurationMs)
        {
            errors.Add(new("interval", $"{c.IntervalMs} ms is out of range; use 0 to turn intervals off, or {MinIntervalMs} ms to 24 h"));
        }

        if (c.PacketsPerSecond > MaxPacketsPerSecond)
        {
            errors.Add(new("pps", $"{c.PacketsPerSecond} datagrams/s is out of range; at most {MaxPacketsPerSecond} (no loopback socket comes near it), or 0 for as fast as possible"));
        }

        if (c.BitsPerSecond > MaxBitsPerSecond)
        {
            errors.Add(new("bitrate", $"{c.BitsPerSecond} bit/s is out of range; at most 1T, or 0 for as fast as possible"));
        }

        CheckSize(errors, "length", c.MessageBytes);
        CheckSize(errors, "request-size", c.RequestBytes);
        CheckSize(errors, "response-size", c.ResponseBytes);
        if (c.Port is < 0 or > 65535)
        {
            errors.Add(new("port", $"{c.Port} is out of range; use 0 (any free port) to 65535"));
        }
    }

    private static void CheckSize(List<CaseError> errors, string name, int? bytes)
    {
        if (bytes is int b && (b < 1 || b > Case.MaxMessageBytes))
        {
            errors.Add(new(name, $"{b} bytes is out of range; use 1 B to 64 MiB"));
        }
    }
}
