using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace LoopBench.Core.Results;

/// <summary>
/// Checks a bound run document against its own types: System.Text.Json leaves a missing or
/// <c>null</c> member null even where the record declares it non-nullable, and a consumer
/// (compare, report, export, plot) would then fail far from the file. Walks the members the
/// serializer binds, with their JSON names, and reports the first required value that is null or
/// missing by its JSON path, e.g. <c>$.cases[0].repetitions[1].metrics</c>.
/// </summary>
internal static class RunDocumentShape
{
    private static readonly ConcurrentDictionary<Type, Member[]> Members = new();
    private static readonly Lock NullabilityLock = new();
    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>The JSON path of the first required value that is null or missing, or null when the document is whole.</summary>
    public static string? FirstMissing(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Walk(run, "$");
    }

    private static string? Walk(object value, string path)
    {
        var type = value.GetType();
        if (type.IsValueType || value is string)
        {
            return null;
        }

        return ResultJson.Options.GetTypeInfo(type).Kind == JsonTypeInfoKind.Object
            ? WalkObject(value, path)
            : WalkItems(value, path, elementsNullable: true);
    }

    private static string? WalkObject(object value, string path)
    {
        foreach (var member in Members.GetOrAdd(value.GetType(), Describe))
        {
            string at = $"{path}.{member.JsonName}";
            object? child = member.Get(value);
            // Enums whose members start at 1 (CaseOutcome, RunStatus) read a missing value as 0: as incomplete as a missing string.
            string? problem = child is null ? (member.Nullable ? null : at)
                : child is Enum e && !Enum.IsDefined(e.GetType(), e) ? at
                : child is string || child.GetType().IsValueType ? null
                : ResultJson.Options.GetTypeInfo(child.GetType()).Kind == JsonTypeInfoKind.Object ? WalkObject(child, at)
                : WalkItems(child, at, member.ElementsNullable);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>
    /// The items of a list or the values of a dictionary. Whether an item may be null comes from the
    /// declaring member (<c>IReadOnlyList&lt;CaseResult&gt;</c>); items of nested collections are
    /// taken as nullable, and only their own members are checked.
    /// </summary>
    private static string? WalkItems(object collection, string path, bool elementsNullable)
    {
        var type = collection.GetType();
        bool values = type.IsArray ? type.GetElementType()!.IsValueType : type.IsGenericType && type.GetGenericArguments()[^1].IsValueType;
        if (values || collection is string)
        {
            return null; // numbers: nothing to check, and boxing a histogram's buckets would cost
        }

        var items = ResultJson.Options.GetTypeInfo(type).Kind switch
        {
            JsonTypeInfoKind.Dictionary when collection is IDictionary map => map.Keys.Cast<object>().Select(key => (map[key], $"{path}['{key}']")),
            JsonTypeInfoKind.Enumerable => ((IEnumerable)collection).Cast<object?>().Select((item, i) => (item, $"{path}[{i}]")),
            _ => [],
        };
        foreach (var (item, at) in items)
        {
            string? problem = item is null ? (elementsNullable ? null : at) : Walk(item, at);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static Member[] Describe(Type type)
    {
        var members = new List<Member>();
        foreach (var property in ResultJson.Options.GetTypeInfo(type).Properties)
        {
            // bound from the document: a setter or a constructor parameter; computed getters (Case.Key) are output only
            if (property.Get is null || (property.Set is null && property.AssociatedParameter is null) || property.AttributeProvider is not MemberInfo memberInfo)
            {
                continue;
            }

            NullabilityInfo nullability;
            lock (NullabilityLock)
            {
                nullability = memberInfo switch
                {
                    PropertyInfo p => Nullability.Create(p),
                    FieldInfo f => Nullability.Create(f),
                    _ => throw new InvalidOperationException($"unexpected member {memberInfo}"),
                };
            }

            var element = nullability.ElementType ?? (nullability.GenericTypeArguments.Length > 0 ? nullability.GenericTypeArguments[^1] : null);
            bool valueType = property.PropertyType.IsValueType;
            members.Add(new Member(
                property.Name,
                property.Get,
                valueType || nullability.ReadState != NullabilityState.NotNull,
                element is null || element.ReadState != NullabilityState.NotNull));
        }

        return [.. members];
    }

    private sealed record Member(string JsonName, Func<object, object?> Get, bool Nullable, bool ElementsNullable);
}
