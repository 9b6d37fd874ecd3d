using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace LoopBench.Core.Sandbox;

/// <summary>
/// A root qdisc for lo with its parameters, written as text that round-trips:
/// <c>pfifo:limit=100</c>, <c>bfifo:limit=64K</c>, <c>tbf:rate=1gbit,burst=256K,latency=20ms</c>,
/// <c>htb:rate=200mbit,child=pfifo,limit=10</c>, <c>netem:delay=1ms</c>, <c>fq_codel</c>.
/// </summary>
[JsonConverter(typeof(QdiscSpecJsonConverter))]
internal sealed record QdiscSpec
{
    /// <summary>tbf latency when neither latency nor limit is given, as tc's own examples use: 50 ms.</summary>
    public const long DefaultTbfLatencyMs = 50;

    /// <summary>The root qdisc. Defaults to <see cref="QdiscKind.Default"/>.</summary>
    public QdiscKind Kind { get; init; }

    /// <summary>Queue limit: packets (pfifo, fq, fq_codel, netem, and htb's pfifo child) or bytes (bfifo). Null: tc's default.</summary>
    public long? Limit { get; init; }

    /// <summary>Shaping rate in bit/s (tbf, htb). Required for both.</summary>
    public long? RateBitsPerSecond { get; init; }

    /// <summary>Bucket size in bytes (tbf: required; htb: optional).</summary>
    public long? BurstBytes { get; init; }

    /// <summary>tbf: longest time a packet may wait, in ms. Defaults to 50 ms.</summary>
    public long? LatencyMs { get; init; }

    /// <summary>htb: the leaf qdisc under the rate class, pfifo or bfifo. Defaults to pfifo.</summary>
    public QdiscKind? Child { get; init; }

    /// <summary>netem: added delay in ms.</summary>
    public long? DelayMs { get; init; }

    /// <summary>Leave lo's qdisc alone.</summary>
    public static QdiscSpec None { get; } = new();

    /// <summary>Parses the text form; throws <see cref="SandboxSettingsException"/> naming the bad part.</summary>
    public static QdiscSpec Parse(string text)
    {
        string trimmed = (text ?? string.Empty).Trim();
        int colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        string name = colon < 0 ? trimmed : trimmed[..colon];
        if (!QdiscKinds.TryParse(name, out var kind))
        {
            string valid = string.Join(", ", EnumIds.Ids<QdiscKind>());
            throw new SandboxSettingsException("qdisc", $"unknown qdisc '{name}'; valid: {valid}");
        }

        var spec = new QdiscSpec { Kind = kind };
        if (colon >= 0)
        {
            foreach (string pair in trimmed[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                int eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new SandboxSettingsException("qdisc", $"'{pair}' is not key=value (in '{text}')");
                }

                spec = spec.With(pair[..eq].Trim().ToLowerInvariant(), pair[(eq + 1)..].Trim());
            }
        }

        return spec;
    }

    /// <summary>The canonical text form; <c>Parse(x.ToString()) == x</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (RateBitsPerSecond is long rate)
        {
            parts.Add("rate=" + Bandwidth.Format(rate));
        }

        if (BurstBytes is long burst)
        {
            parts.Add("burst=" + burst.ToString(CultureInfo.InvariantCulture));
        }

        if (LatencyMs is long latency)
        {
            parts.Add("latency=" + latency.ToString(CultureInfo.InvariantCulture) + "ms");
        }

        if (DelayMs is long delay)
        {
            parts.Add("delay=" + delay.ToString(CultureInfo.InvariantCulture) + "ms");
        }

        if (Child is QdiscKind child)
        {
            parts.Add("child=" + child.TcName());
        }

        if (Limit is long limit)
        {
            parts.Add("limit=" + limit.ToString(CultureInfo.InvariantCulture));
        }

        var text = new StringBuilder(Kind.TcName());
        return parts.Count == 0 ? text.ToString() : text.Append(':').AppendJoin(',', parts).ToString();
    }

    private QdiscSpec With(string key, string value) => key switch
    {
        "limit" => this with { Limit = Size(key, value) },
        "rate" => this with { RateBitsPerSecond = Bandwidth.ParseBitsPerSecond("qdisc rate", value) },
        "burst" => this with { BurstBytes = Size(key, value) },
        "latency" => this with { LatencyMs = Duration(key, value) },
        "delay" => this with { DelayMs = Duration(key, value) },
        "child" => QdiscKinds.TryParse(value, out var child) && child is QdiscKind.Pfifo or QdiscKind.Bfifo
            ? this with { Child = child }
            : throw new SandboxSettingsException("qdisc", $"htb child '{value}' is not supported; use pfifo or bfifo"),
        _ => throw new SandboxSettingsException("qdisc", $"unknown qdisc parameter '{key}'; valid: limit, rate, burst, latency, delay, child"),
    };

    private static long Size(string key, string value) =>
        ValueParsers.TryParseBytes(value, out long bytes, out string error) && bytes > 0
            ? bytes
            : throw new SandboxSettingsException("qdisc " + key, error.Length > 0 ? error : $"'{value}' must be positive");

    private static long Duration(string key, string value) =>
        ValueParsers.TryParseDurationMs(value.Trim().All(char.IsAsciiDigit) ? value + "ms" : value, out long ms, out string error) && ms >= 0
            ? ms
            : throw new SandboxSettingsException("qdisc " + key, error.Length > 0 ? error : $"'{value}' must not be negative");
}
