namespace LoopBench.Core.Scenarios;

/// <summary>
/// Parsing of user-typed enum ids (<see cref="EnumIds"/>) that lists the valid names and suggests the closest.
/// </summary>
internal static class KindNames
{
    /// <summary>Parses an id as a user typed it: trimmed, case-insensitive.</summary>
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(candidate.ToId(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>"unknown transport 'tpc4' (did you mean 'tcp4'?); valid: tcp4, tcp6, unix-stream".</summary>
    public static string UnknownMessage<T>(string what, string? text)
        where T : struct, Enum
    {
        var ids = EnumIds.Ids<T>();
        string? closest = Closest(text ?? string.Empty, ids);
        string hint = closest is null ? string.Empty : $" (did you mean '{closest}'?)";
        return $"unknown {what} '{text}'{hint}; valid: {string.Join(", ", ids)}";
    }

    /// <summary>The candidate within edit distance 2 (or a unique prefix match) of <paramref name="text"/>.</summary>
    public static string? Closest(string text, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        string lower = text.Trim().ToLowerInvariant();
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            int distance = EditDistance(lower, candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return bestDistance <= Math.Max(2, lower.Length / 3) ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
