namespace LoopBench.Core.Scenarios;

/// <summary>
/// Reads a case key back into its tokens: the first four are positional (transport, pattern,
/// engine, placement), the rest <c>name=value</c>, a one-sided knob named without its side.
/// <see cref="CaseKey"/> writes the key; comparison and the scenario's compare block read it.
/// </summary>
internal static class CaseKeyTokens
{
    /// <summary>Names of the key's first four tokens, which carry no name of their own.</summary>
    public static readonly IReadOnlyList<string> Positional = ["transport", "pattern", "engine", "placement"];

    /// <summary>The value of <paramref name="token"/> in <paramref name="key"/> (either side of a knob), or null when the key leaves it at its default.</summary>
    public static string? ValueOf(string key, string token)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(token);
        var values = Of(key).Where(t => t.Name == token).Select(t => t.Value).Distinct(StringComparer.Ordinal).ToList();
        return values.Count == 0 ? null : string.Join('|', values);
    }

    /// <summary>Each token of a key with the parameter it stands for.</summary>
    public static IEnumerable<(string Name, string Value, string Text)> Of(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        string[] parts = key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < parts.Length; i++)
        {
            int eq = parts[i].IndexOf('=', StringComparison.Ordinal);
            yield return i < Positional.Count && eq < 0
                ? (Positional[i], parts[i], parts[i])
                : eq < 0 ? (parts[i], string.Empty, parts[i]) : (KeySides.WithoutSide(parts[i][..eq]), parts[i][(eq + 1)..], parts[i]);
        }
    }
}
