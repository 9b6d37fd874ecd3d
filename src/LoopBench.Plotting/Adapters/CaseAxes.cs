using System.Globalization;

namespace LoopBench.Plotting.Adapters;

/// <summary>
/// The matrix axes of a run, read back from the canonical case keys ("tcp4 stream blocking unpinned
/// len=512 …"): the four leading words are transport, pattern, engine and placement, the rest are
/// name=value pairs. Reading the key, not <c>Case</c>'s properties, keeps new parameters (lo MTU,
/// sysctls) plottable the day they join the key.
/// </summary>
internal sealed class CaseAxes
{
    private static readonly string[] Positional = ["transport", "pattern", "engine", "placement"];

    /// <summary>Friendly names for the key's short ones, as --x and --series accept them.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["length"] = "len", ["parallel"] = "P", ["bitrate"] = "b", ["time"] = "t", ["request-size"] = "req",
        ["response-size"] = "resp", ["bytes"] = "n", ["transactions"] = "k", ["source"] = "src", ["bidir-mode"] = "bidir",
    };

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["len"] = "message size (B)", ["req"] = "request size (B)", ["resp"] = "response size (B)", ["P"] = "parallel flows",
        ["b"] = "paced rate (bit/s)", ["pps"] = "paced rate (datagrams/s)", ["rate"] = "request rate (1/s)",
        ["inflight"] = "transactions in flight", ["t"] = "window (s)", ["warmup"] = "warm-up (s)", ["mtu"] = "lo MTU (B)",
        ["qdisc.limit"] = "qdisc limit (packets; bytes for bfifo)", ["txqueuelen"] = "lo txqueuelen (packets)",
        ["n"] = "bytes in all (B)", ["k"] = "transactions in all",
    };

    /// <summary>Switches the key names only when on: absent, they are off (spin against blocking reads "spin=off", not "spin=-").</summary>
    private static readonly HashSet<string> Switches = new(StringComparer.Ordinal) { "spin", "timestamps", "udp-gro", "abstract" };

    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _byKey;

    private CaseAxes(IReadOnlyList<string> keys)
    {
        _byKey = keys.Distinct(StringComparer.Ordinal).ToDictionary(k => k, Parse, StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var parameters in _byKey.Values)
        {
            names.AddRange(parameters.Keys.Where(n => !names.Contains(n, StringComparer.Ordinal)));
        }

        var varying = names.Where(n => _byKey.Values.Select(p => p.GetValueOrDefault(n, "-")).Distinct(StringComparer.Ordinal).Count() > 1).ToList();

        // A parameter that follows from the axes before it (bind from the transport, nodelay from
        // transport and pattern, the rr sizes from len) is not an axis of its own: drawing it would
        // only repeat the others.
        var kept = new List<string>();
        foreach (string name in varying)
        {
            if (kept.Count == 0 || !Follows(name, kept))
            {
                kept.Add(name);
            }
        }

        Varying = kept;
    }

    /// <summary>Parameter names whose value differs between the cases, in key order.</summary>
    public IReadOnlyList<string> Varying { get; }

    /// <summary>The varying parameters whose every value is a number, in key order.</summary>
    public IReadOnlyList<string> NumericVarying => Varying.Where(IsNumeric).ToList();

    /// <summary>The axes of <paramref name="keys"/>.</summary>
    public static CaseAxes Of(IEnumerable<string> keys) => new([.. keys]);

    /// <summary>The key's own name for <paramref name="name"/> (an alias such as "length" → "len").</summary>
    public static string Canonical(string name) => Aliases.GetValueOrDefault(name.Trim(), name.Trim());

    /// <summary>An axis label with its unit, e.g. "message size (B)".</summary>
    public static string Label(string name) => Labels.GetValueOrDefault(name, name);

    /// <summary>The value of parameter <paramref name="name"/> in case <paramref name="key"/>, "-" when absent.</summary>
    public string Value(string key, string name) => _byKey[key].GetValueOrDefault(name, Switches.Contains(name) ? "off" : "-");

    /// <summary>The number <paramref name="name"/> holds in <paramref name="key"/> ("0.5s" reads 0.5).</summary>
    public double Number(string key, string name) => TryNumber(Value(key, name), out double x) ? x : double.NaN;

    /// <summary>True when every case holds a number for <paramref name="name"/>.</summary>
    public bool IsNumeric(string name) => _byKey.Values.All(p => p.TryGetValue(name, out string? v) && TryNumber(v, out _));

    /// <summary>How many distinct values <paramref name="name"/> takes.</summary>
    public int Count(string name) => _byKey.Values.Select(p => p.GetValueOrDefault(name, "-")).Distinct(StringComparer.Ordinal).Count();

    /// <summary>True when some case carries <paramref name="name"/>.</summary>
    public bool Has(string name) => _byKey.Values.Any(p => p.ContainsKey(name));

    /// <summary>Every parameter name present, for messages.</summary>
    public IEnumerable<string> Names => _byKey.Values.SelectMany(p => p.Keys).Distinct(StringComparer.Ordinal);

    /// <summary>A short label of the case: its values of <paramref name="names"/> ("tcp4 len=512"), or the key when none.</summary>
    public string Describe(string key, IEnumerable<string> names)
    {
        var parts = names.Select(n => Positional.Contains(n, StringComparer.Ordinal) ? Value(key, n) : $"{n}={Value(key, n)}").ToList();
        return parts.Count == 0 ? key : string.Join(' ', parts);
    }

    /// <summary>True when each combination of values of <paramref name="earlier"/> comes with one value of <paramref name="name"/>.</summary>
    private bool Follows(string name, IReadOnlyList<string> earlier) =>
        _byKey.Values.GroupBy(p => string.Join('\u001f', earlier.Select(e => p.GetValueOrDefault(e, "-"))), StringComparer.Ordinal)
            .All(g => g.Select(p => p.GetValueOrDefault(name, "-")).Distinct(StringComparer.Ordinal).Count() == 1);

    internal static IReadOnlyDictionary<string, string> Parse(string key)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] words = key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < words.Length; i++)
        {
            int eq = words[i].IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                string name = words[i][..eq];
                string value = words[i][(eq + 1)..];
                if (name == "qdisc")
                {
                    AddQdiscOptions(parameters, value);
                }

                parameters[name] = value;
            }
            else if (i < Positional.Length)
            {
                parameters[Positional[i]] = words[i];
            }
        }

        return parameters;
    }

    /// <summary>
    /// "htb:rate=200mbit,child=pfifo,limit=16" also gives qdisc.limit=16 (and qdisc.rate, …), ahead
    /// of qdisc itself, so a swept limit is a numeric axis and the whole qdisc text follows from it.
    /// </summary>
    private static void AddQdiscOptions(Dictionary<string, string> parameters, string value)
    {
        int colon = value.IndexOf(':', StringComparison.Ordinal);
        foreach (string option in colon < 0 ? [] : value[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = option.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                parameters["qdisc." + option[..eq]] = option[(eq + 1)..];
            }
        }
    }

    private static bool TryNumber(string text, out double value)
    {
        string trimmed = text.EndsWith("ms", StringComparison.Ordinal) ? text[..^2] : text.TrimEnd('s');
        bool ok = double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        if (ok && text.EndsWith("ms", StringComparison.Ordinal))
        {
            value /= 1000;
        }

        return ok;
    }
}
