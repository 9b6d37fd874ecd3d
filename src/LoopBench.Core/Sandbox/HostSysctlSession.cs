namespace LoopBench.Core.Sandbox;

/// <summary>
/// The host sysctls of a whole run: each repetition says which host-wide values it needs, and
/// the session keeps them while consecutive repetitions agree, restoring the old values (journal,
/// lock, verify: <see cref="HostSysctls"/>) before others are applied and when the run ends.
/// A repetition that needs none runs on the host's own values.
/// </summary>
internal sealed class HostSysctlSession(HostSysctlPaths? paths = null) : IDisposable
{
    private readonly HostSysctlPaths _paths = paths ?? HostSysctlPaths.Host;
    private HostSysctls? _current;
    private SortedDictionary<string, string> _applied = new(StringComparer.Ordinal);

    /// <summary>
    /// Makes the host hold exactly <paramref name="wanted"/> (besides its own values); returns the
    /// journaled changes in force, or null when none. Throws <see cref="HostSysctlException"/>.
    /// </summary>
    public IReadOnlyList<SysctlJournalEntry>? Ensure(IReadOnlyDictionary<string, string>? wanted)
    {
        var target = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in wanted ?? new Dictionary<string, string>())
        {
            target[SysctlName.Normalize(key)] = SysctlName.Fold(value);
        }

        if (target.SequenceEqual(_applied))
        {
            return _current?.Entries;
        }

        Restore();
        if (target.Count == 0)
        {
            return null;
        }

        _current = HostSysctls.Apply(target, _paths);
        _applied = target;
        return _current.Entries;
    }

    /// <summary>Puts back whatever is applied; idempotent.</summary>
    public void Restore()
    {
        var current = _current;
        _current = null;
        _applied = new(StringComparer.Ordinal);
        current?.Dispose();
    }

    /// <inheritdoc cref="Restore"/>
    public void Dispose() => Restore();
}
