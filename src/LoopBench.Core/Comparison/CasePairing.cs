using LoopBench.Core.Results;
using LoopBench.Core.Scenarios;

namespace LoopBench.Core.Comparison;

/// <summary>
/// Pairs the cases of two runs by canonical key, optionally with some parameters left out of the
/// key (<c>--ignore congestion</c>), so that two runs that differ only in those parameters pair up
/// and each pair says what differs ("congestion: cubic → bbr").
/// </summary>
/// <remarks>
/// Works on the key's tokens: the key is the one stable, stored description of a case, and it is
/// what pairing means without an ignore list. The first four tokens are positional (transport,
/// pattern, engine, placement); the rest are <c>name=value</c>.
/// </remarks>
internal static class CasePairing
{
    /// <summary>One baseline case with its candidate, and what the ignored parameters made differ ("congestion: cubic → bbr"), or null.</summary>
    public sealed record Pair(CaseResult Baseline, CaseResult Candidate, string? Differences);

    /// <summary>
    /// The pairs, in baseline order. Without <paramref name="ignored"/> key tokens a pair's keys are
    /// equal; with them, equal once those tokens are removed. A token names a parameter as the key
    /// spells it (the case key maps parameter names to tokens: "length" is "len").
    /// </summary>
    /// <exception cref="ComparisonInputException">A case would pair with more than one.</exception>
    public static IReadOnlyList<Pair> Of(IReadOnlyList<CaseResult> baseline, IReadOnlyList<CaseResult> candidate, IReadOnlyCollection<string> ignored)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(ignored);
        var tokens = ignored.Select(KeySides.WithoutSide).ToHashSet(StringComparer.Ordinal);
        var baselineCases = baseline.DistinctBy(c => c.Key).ToList();
        var candidateCases = candidate.DistinctBy(c => c.Key).ToList();
        var candidates = candidateCases.ToLookup(c => Reduced(c.Key, tokens), StringComparer.Ordinal);
        var baselines = baselineCases.ToLookup(c => Reduced(c.Key, tokens), StringComparer.Ordinal);
        var pairs = new List<Pair>();
        foreach (var b in baselineCases)
        {
            string reduced = Reduced(b.Key, tokens);
            var matches = candidates[reduced].ToList();
            if (matches.Count == 0)
            {
                continue;
            }

            if (matches.Count > 1 || baselines[reduced].Count() > 1)
            {
                var keys = baselines[reduced].Select(c => "baseline '" + c.Key + "'").Concat(matches.Select(c => "candidate '" + c.Key + "'"));
                throw new ComparisonInputException(
                    $"ambiguous pairing with --ignore {string.Join(',', ignored)}: {string.Join(", ", keys)} pair with each other; ignore fewer parameters, or filter the runs");
            }

            pairs.Add(new Pair(b, matches[0], tokens.Count == 0 ? null : Differences(b.Key, matches[0].Key)));
        }

        return pairs;
    }

    /// <summary>The key without the ignored parameters' tokens.</summary>
    public static string Reduced(string key, IReadOnlySet<string> ignoredTokens)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(ignoredTokens);
        if (ignoredTokens.Count == 0)
        {
            return key;
        }

        return string.Join(' ', CaseKeyTokens.Of(key).Where(t => !ignoredTokens.Contains(t.Name)).Select(t => t.Text));
    }

    /// <summary>
    /// Names of the tokens whose values differ between two groups of keys (a token one group
    /// lacks counts), in key order: what an A/B changed besides the axis.
    /// </summary>
    public static IReadOnlyList<string> ChangedTokens(IEnumerable<string> baselineKeys, IEnumerable<string> candidateKeys)
    {
        ArgumentNullException.ThrowIfNull(baselineKeys);
        ArgumentNullException.ThrowIfNull(candidateKeys);
        static ILookup<string, string> Values(IEnumerable<string> keys) =>
            keys.SelectMany(CaseKeyTokens.Of).Distinct().ToLookup(t => t.Name, t => t.Value, StringComparer.Ordinal);
        var b = Values(baselineKeys);
        var c = Values(candidateKeys);
        return b.Select(g => g.Key).Concat(c.Select(g => g.Key)).Distinct(StringComparer.Ordinal)
            .Where(name => !b[name].ToHashSet(StringComparer.Ordinal).SetEquals(c[name]))
            .ToList();
    }

    /// <summary>"congestion: cubic → bbr; mtu: (none) → 9000", from the tokens that differ between the keys.</summary>
    private static string? Differences(string baselineKey, string candidateKey)
    {
        var b = CaseKeyTokens.Of(baselineKey).ToDictionary(t => t.Name, t => t.Value, StringComparer.Ordinal);
        var c = CaseKeyTokens.Of(candidateKey).ToDictionary(t => t.Name, t => t.Value, StringComparer.Ordinal);
        var changes = b.Keys.Union(c.Keys, StringComparer.Ordinal)
            .Where(name => b.GetValueOrDefault(name) != c.GetValueOrDefault(name))
            .Select(name => $"{name}: {b.GetValueOrDefault(name) ?? "(none)"} → {c.GetValueOrDefault(name) ?? "(none)"}")
            .ToList();
        return changes.Count == 0 ? null : string.Join("; ", changes);
    }
}
