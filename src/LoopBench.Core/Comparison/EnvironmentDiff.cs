using System.Text.Json;
using LoopBench.Core.Results;

namespace LoopBench.Core.Comparison;

/// <summary>One environment field that differs between baseline and candidate.</summary>
/// <param name="Field">JSON name, e.g. "kernel" or "sysctls.net.core.rmem_max".</param>
/// <param name="Group">What --expect-diff names: "kernel", "sysctls", "lo", "runtime", "version", ...</param>
/// <param name="Identity">True for identity fields (CPU model, cores, virtualization, schema): compare refuses without --allow-env-diff.</param>
/// <param name="Baseline">Baseline value as compact text; null when absent.</param>
/// <param name="Candidate">Candidate value as compact text; null when absent.</param>
/// <param name="Expected">True when informational (host name) or silenced by --expect-diff/--allow-env-diff.</param>
internal sealed record EnvironmentDifference(string Field, string Group, bool Identity, string? Baseline, string? Candidate, bool Expected);

/// <summary>
/// Diffs two environments field by field over their JSON form, so fields another build adds are
/// compared too. Identity fields say the runs measured different machines; subject fields are
/// what a kernel or tuning A/B changes on purpose.
/// </summary>
internal static class EnvironmentDiff
{
    private static readonly HashSet<string> IdentityFields = new(StringComparer.Ordinal) { "cpuModel", "logicalCpus", "schemaVersion" };

    private static readonly HashSet<string> InformationalFields = new(StringComparer.Ordinal) { "hostname" };

    public static IReadOnlyList<EnvironmentDifference> Of(RunResult baseline, RunResult candidate, ComparisonOptions options)
    {
        var diffs = new List<EnvironmentDifference>();
        void Add(string field, string? a, string? b)
        {
            if (string.Equals(a, b, StringComparison.Ordinal))
            {
                return;
            }

            bool identity = IsIdentity(field);
            string group = GroupOf(field);
            bool expected = identity
                ? options.AllowEnvironmentDiff
                : InformationalFields.Contains(field) || options.ExpectedDiffs.Contains(group) || options.ExpectedDiffs.Contains(field);
            diffs.Add(new EnvironmentDifference(field, group, identity, a, b, expected));
        }

        Add("schemaVersion", Text(baseline.SchemaVersion), Text(candidate.SchemaVersion));
        Add("toolVersion", baseline.Tool?.Version, candidate.Tool?.Version);
        var a = Flatten(JsonSerializer.SerializeToElement(baseline.Environment, ResultJson.Options));
        var b = Flatten(JsonSerializer.SerializeToElement(candidate.Environment, ResultJson.Options));
        foreach (string field in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
        {
            Add(field, a.GetValueOrDefault(field), b.GetValueOrDefault(field));
        }

        return diffs;
    }

    private static bool IsIdentity(string field) =>
        IdentityFields.Contains(field)
        || field.Contains("virtual", StringComparison.OrdinalIgnoreCase)
        || field.Contains("hypervisor", StringComparison.OrdinalIgnoreCase);

    private static string GroupOf(string field) => field switch
    {
        "kernel" or "os" => "kernel",
        "runtime" or "serverGc" or "concurrentGc" => "runtime",
        "toolVersion" => "version",
        "allowedCpus" => "cpus",
        "memoryBytes" => "memory",
        "hostname" => "host",
        _ when field.StartsWith("sysctls.", StringComparison.Ordinal) || field.StartsWith("congestionControl", StringComparison.Ordinal) => "sysctls",
        _ when field.StartsWith("lo", StringComparison.Ordinal) && field.Length > 2 && char.IsUpper(field[2]) => "lo",
        _ when IsIdentity(field) => "identity",
        _ => field.Split('.')[0],
    };

    private static Dictionary<string, string> Flatten(JsonElement environment)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in environment.EnumerateObject())
        {
            if (property.Name == "sysctls" && property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var sysctl in property.Value.EnumerateObject())
                {
                    fields["sysctls." + sysctl.Name] = sysctl.Value.ToString();
                }
            }
            else
            {
                fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText().Replace("\n", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
            }
        }

        return fields;
    }

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
