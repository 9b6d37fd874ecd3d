using System.Reflection;

namespace LoopBench.Core;

/// <summary>
/// The ids of closed sets: every member of such an enum carries an <see cref="IdAttribute"/>, read once
/// per enum into a cached table. An enum with a member lacking an id, or with a repeated id, is refused
/// on first use with a message naming it.
/// </summary>
internal static class EnumIds
{
    /// <summary>The id of an enum value, e.g. <c>TransportKind.UnixStream</c> → "unix-stream".</summary>
    public static string ToId<T>(this T value)
        where T : struct, Enum =>
        Table<T>.ById.TryGetValue(value, out string? id)
            ? id
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"not a member of {typeof(T).Name}");

    /// <summary>All ids of <typeparamref name="T"/>, in the order of <see cref="Enum.GetValues{TEnum}"/>.</summary>
    public static IReadOnlyList<string> Ids<T>()
        where T : struct, Enum => Table<T>.Ids;

    /// <summary>The member whose id is exactly <paramref name="id"/> (ordinal): how stored data are read back.</summary>
    public static bool TryParse<T>(string? id, out T value)
        where T : struct, Enum => Table<T>.ByText.TryGetValue(id ?? string.Empty, out value);

    /// <summary>True when <paramref name="enumType"/> is an enum whose members carry ids.</summary>
    public static bool HasIds(Type enumType)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        return enumType.IsEnum && enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Any(f => f.GetCustomAttribute<IdAttribute>() is not null);
    }

    /// <summary>Each member of <paramref name="enumType"/> with its id, in value order; throws when one has none or two share one.</summary>
    public static IReadOnlyList<(string Member, object Value, string Id)> Read(Type enumType)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        var members = enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (Member: f.Name, Value: f.GetValue(null)!, Id: f.GetCustomAttribute<IdAttribute>()?.Id))
            .OrderBy(m => m.Value)
            .ToList();
        var missing = members.Where(m => string.IsNullOrEmpty(m.Id)).Select(m => m.Member).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"{enumType.Name} has members without an [Id]: {string.Join(", ", missing)}");
        }

        var repeated = members.GroupBy(m => m.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
        {
            throw new InvalidOperationException($"{enumType.Name} repeats the id(s) {string.Join(", ", repeated)}");
        }

        return members.Select(m => (m.Member, m.Value, m.Id!)).ToList();
    }

    private static class Table<T>
        where T : struct, Enum
    {
        public static readonly Dictionary<T, string> ById = Read(typeof(T)).ToDictionary(m => (T)m.Value, m => m.Id);

        public static readonly Dictionary<string, T> ByText = ById.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

        public static readonly string[] Ids = Enum.GetValues<T>().Select(v => ById[v]).ToArray();
    }
}
