using System.Text;
using System.Text.Json;

namespace LoopBench.Core.Results.Export;

/// <summary>
/// A case's parameters as Prometheus labels: every knob and sandbox setting that defines the case,
/// each with the few values a scenario gives it, so PromQL can select <c>congestion_control="bbr"</c>
/// or <c>lo_mtu_bytes="9000"</c> without matching on the free-text case key. Taken from the case's
/// JSON form, so parameters other builds add appear too.
/// </summary>
internal static class PrometheusLabels
{
    /// <summary>Sides of a socket knob that differs between the ends: "client_sndbuf…", "server_…".</summary>
    private static readonly string[] KnobSides = ["clientKnobs", "serverKnobs"];

    /// <summary>(label, value) of <paramref name="result"/>'s case, in the order of its JSON form.</summary>
    public static IReadOnlyList<(string Name, string Value)> Of(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var element = JsonSerializer.SerializeToElement(result.Case, ResultJson.Options);
        var labels = new List<(string Name, string Value)>();
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                // Reporting-only knobs, as the canonical key leaves them out; the key is its own label.
                case "port" or "unixDirectory" or "intervalMs" or "key" or "capturePackets":
                    break;
                case "clientKnobs" or "serverKnobs": // below, merged where the ends agree
                    break;
                case "kernel" when property.Value.ValueKind == JsonValueKind.Object:
                    AddKernel(labels, property.Value);
                    break;
                default:
                    Add(labels, property.Name, property.Value);
                    break;
            }
        }

        AddKnobs(labels, element);
        return labels;
    }

    /// <summary>
    /// Socket knobs: one label when both ends agree ("congestion_control"), else one per end
    /// ("client_congestion_control", "server_…"), as the canonical key writes them.
    /// </summary>
    private static void AddKnobs(List<(string Name, string Value)> labels, JsonElement caseJson)
    {
        var sides = KnobSides.Select(side => caseJson.TryGetProperty(side, out var knobs) && knobs.ValueKind == JsonValueKind.Object
            ? knobs.EnumerateObject().Select(p => (p.Name, Value: Text(p.Value))).Where(p => p.Value is not null).ToDictionary(p => p.Name, p => p.Value!, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal)).ToArray();
        var client = sides[0];
        var server = sides[1];
        foreach (string knob in client.Keys.Union(server.Keys, StringComparer.Ordinal))
        {
            string name = LabelName(knob);
            bool agree = client.TryGetValue(knob, out string? c) && server.TryGetValue(knob, out string? s) && c == s;
            if (agree && !labels.Exists(l => l.Name == name))
            {
                labels.Add((name, c!));
                continue;
            }

            if (client.TryGetValue(knob, out string? clientValue))
            {
                labels.Add(("client_" + name, clientValue));
            }

            if (server.TryGetValue(knob, out string? serverValue))
            {
                labels.Add(("server_" + name, serverValue));
            }
        }
    }

    /// <summary>Link settings by name, the qdisc also by kind alone, and each sysctl as "sysctl_net_ipv4_tcp_rmem".</summary>
    private static void AddKernel(List<(string Name, string Value)> labels, JsonElement kernel)
    {
        foreach (var property in kernel.EnumerateObject())
        {
            switch (property.Name)
            {
                case "sysctls" or "hostSysctls" when property.Value.ValueKind == JsonValueKind.Object:
                    string prefix = property.Name == "sysctls" ? "sysctl_" : "host_sysctl_";
                    foreach (var sysctl in property.Value.EnumerateObject())
                    {
                        Add(labels, prefix + sysctl.Name, sysctl.Value);
                    }

                    break;
                case "extraAddresses" when property.Value.ValueKind == JsonValueKind.Array:
                    if (property.Value.GetArrayLength() > 0)
                    {
                        labels.Add(("extra_addresses", string.Join(',', property.Value.EnumerateArray().Select(a => a.GetString()).Order(StringComparer.Ordinal))));
                    }

                    break;
                case "qdisc" when property.Value.ValueKind == JsonValueKind.String:
                    string spec = property.Value.GetString()!;
                    labels.Add(("qdisc", spec));
                    labels.Add(("qdisc_kind", spec.Split(':', 2)[0]));
                    break;
                default:
                    Add(labels, property.Name, property.Value);
                    break;
            }
        }
    }

    private static void Add(List<(string Name, string Value)> labels, string name, JsonElement value)
    {
        if (Text(value) is { } text)
        {
            labels.Add((LabelName(name), text));
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    /// <summary>snake_case, and any character a label name cannot hold (the dots of a sysctl) as '_'.</summary>
    internal static string LabelName(string name)
    {
        string snake = JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
        var label = new StringBuilder(snake.Length);
        foreach (char ch in snake)
        {
            label.Append(ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' ? ch : '_');
        }

        return label.ToString();
    }
}
