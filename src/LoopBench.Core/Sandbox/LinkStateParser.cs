using System.Globalization;
using System.Text.Json;

namespace LoopBench.Core.Sandbox;

/// <summary>Pure parsers for <c>ip -j -d link</c>, <c>ip -j addr</c> and <c>tc -s -j qdisc</c> output (tested with captured text).</summary>
internal static class LinkStateParser
{
    /// <summary>lo from <c>ip -j -d link show dev lo</c> and <c>ip -j addr show dev lo</c>.</summary>
    public static LinkState ParseLink(string linkJson, string addrJson)
    {
        using var link = JsonDocument.Parse(linkJson);
        var lo = link.RootElement[0];
        bool up = lo.TryGetProperty("flags", out var flags) && flags.EnumerateArray().Any(f => f.GetString() == "UP");
        var addresses = new List<string>();
        using (var addr = JsonDocument.Parse(addrJson))
        {
            foreach (var iface in addr.RootElement.EnumerateArray())
            {
                if (iface.TryGetProperty("addr_info", out var infos))
                {
                    addresses.AddRange(infos.EnumerateArray().Select(a =>
                        a.GetProperty("local").GetString() + "/" + a.GetProperty("prefixlen").GetInt32().ToString(CultureInfo.InvariantCulture)));
                }
            }
        }

        return new LinkState(
            lo.GetProperty("mtu").GetInt32(),
            lo.TryGetProperty("txqlen", out var q) ? q.GetInt32() : 0,
            Long(lo, "gso_max_size"),
            Long(lo, "tso_max_size"),
            up,
            addresses);
    }

    /// <summary>Qdiscs from <c>tc -s -j qdisc show dev lo</c>, in tc's order (root first).</summary>
    public static IReadOnlyList<QdiscState> ParseQdiscs(string tcJson)
    {
        using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(tcJson) ? "[]" : tcJson);
        var list = new List<QdiscState>();
        foreach (var q in doc.RootElement.EnumerateArray())
        {
            var options = q.TryGetProperty("options", out var o) && o.ValueKind == JsonValueKind.Object ? o : default;
            bool root = q.TryGetProperty("root", out var r) && r.ValueKind == JsonValueKind.True;
            list.Add(new QdiscState(
                q.GetProperty("kind").GetString() ?? "unknown",
                q.TryGetProperty("handle", out var h) ? h.GetString() ?? string.Empty : string.Empty,
                root ? "root" : q.TryGetProperty("parent", out var p) ? p.GetString() ?? string.Empty : string.Empty,
                Long(options, "limit"),
                Long(options, "rate"),
                Long(options, "burst"),
                Long(q, "bytes") ?? 0,
                Long(q, "packets") ?? 0,
                Long(q, "drops") ?? 0,
                Long(q, "overlimits") ?? 0,
                Long(q, "requeues") ?? 0));
        }

        return list;
    }


    private static long? Long(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long x) ? x : null;
}
