using System.Text.Json.Nodes;

namespace LoopBench.Tests.Hardening;

/// <summary>
/// Seeded mutations of a JSON document that keep it valid JSON: one value somewhere in the tree is
/// replaced by a value of another type or range, or removed. Unlike byte flips, these reach the
/// binder and the consumers behind it (what a hand-edited or foreign run.json looks like).
/// </summary>
internal sealed class JsonMutator(int seed)
{
    private static readonly Func<JsonNode?>[] Replacements =
    [
        () => null, () => "1", () => "", () => new JsonArray(), () => new JsonObject(), () => new JsonArray((JsonNode?)null),
        () => -1, () => 0, () => 1e300, () => -1e300, () => true, () => long.MaxValue, () => int.MinValue,
    ];

    private readonly Random _random = new(seed);

    /// <summary>One to two mutations of <paramref name="json"/>.</summary>
    public string Mutate(string json)
    {
        var root = JsonNode.Parse(json)!;
        int rounds = _random.Next(1, 3);
        for (int i = 0; i < rounds; i++)
        {
            var nodes = new List<JsonNode>();
            Collect(root, nodes);
            var target = nodes[_random.Next(nodes.Count)];
            if (target.Parent is null)
            {
                continue;
            }

            Replace(target);
        }

        return root.ToJsonString();
    }

    private void Replace(JsonNode target)
    {
        var parent = target.Parent!;
        bool remove = _random.Next(4) == 0;
        if (parent is JsonObject obj)
        {
            string name = target.GetPropertyName();
            if (remove)
            {
                obj.Remove(name);
            }
            else
            {
                obj[name] = Replacements[_random.Next(Replacements.Length)]();
            }
        }
        else if (parent is JsonArray array)
        {
            int index = target.GetElementIndex();
            if (remove)
            {
                array.RemoveAt(index);
            }
            else
            {
                array[index] = Replacements[_random.Next(Replacements.Length)]();
            }
        }
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        nodes.Add(node);
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children)
        {
            if (child is not null)
            {
                Collect(child, nodes);
            }
        }
    }
}
