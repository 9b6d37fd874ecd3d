using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LoopBench.Core.Scenarios;

/// <summary>
/// Reads a scenario file into a <see cref="ScenarioDocument"/> with YamlDotNet's representation
/// model, which keeps the line and column of every node, so each error can point at its place.
/// Structural problems are collected, not thrown one by one.
/// </summary>
internal static class ScenarioLoader
{
    /// <summary>The top-level keys a scenario may have.</summary>
    public static readonly IReadOnlyList<string> TopLevelKeys =
        ["name", "description", "repetitions", "timeout", "defaults", "matrix", "include", "exclude", "compare"];

    /// <summary>The keys of the <c>compare</c> block.</summary>
    public static readonly IReadOnlyList<string> CompareKeys = ["axis", "baseline"];

    /// <summary>Most valid names an unknown-key message lists when none is close: enough for every top-level key.</summary>
    private const int ListedNames = 9;

    /// <summary>Reads and parses <paramref name="path"/>; throws <see cref="ScenarioException"/> on any problem.</summary>
    public static ScenarioDocument Load(string path)
    {
        string text = ReadText(path);
        var errors = new List<ScenarioError>();
        var document = Parse(path, text, errors);
        return errors.Count == 0 ? document! : throw new ScenarioException(errors);
    }

    /// <summary>The text of a scenario file; throws <see cref="ScenarioException"/> when it is missing or unreadable.</summary>
    public static string ReadText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return Safety.BoundedInput.ReadAllText(path, Safety.BoundedInput.MaxScenarioBytes, "scenario file");
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ScenarioException($"{path}: no such scenario file");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException($"{path}: cannot read the scenario file: {ex.Message}");
        }
    }

    /// <summary>Parses YAML text; appends every structural problem to <paramref name="errors"/>.</summary>
    public static ScenarioDocument? Parse(string file, string text, List<ScenarioError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(text);
        if (NestingGuard.Check(text) is var (mark, message))
        {
            errors.Add(new(file, mark, message));
            return null;
        }

        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException ex)
        {
            string reason = ex.InnerException?.Message ?? ex.Message;
            errors.Add(BrokenYaml(file, text, MarkOf(ex.Start), TrimPosition(reason)));
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner throws these on some malformed input (found by the fuzz in Hardening/ReaderFuzzTests),
            // with .NET's generic text and no place: where the scanner stopped is the best place there is.
            errors.Add(BrokenYaml(file, text, MarkOf(scanner.CurrentPosition), "the parser cannot read on from here"));
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            errors.Add(new(file, new SourceMark(1, 1), "the file is empty; a scenario needs at least 'matrix' or 'defaults'"));
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            errors.Add(new(file, MarkOf(stream.Documents[1].RootNode.Start), "a scenario file holds one YAML document; this is a second ('---' starts a new one)"));
            return null;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add(new(file, MarkOf(stream.Documents[0].RootNode.Start), "a scenario is a mapping of keys (name, defaults, matrix, ...)"));
            return null;
        }

        var reader = new Reader(file, errors);
        string? name = null, description = null;
        ScenarioValue? repetitions = null, timeout = null;
        IReadOnlyList<ScenarioSetting> defaults = [];
        IReadOnlyList<ScenarioAxis> matrix = [];
        IReadOnlyList<IReadOnlyList<ScenarioSetting>> include = [], exclude = [];
        ScenarioCompareBlock? compare = null;
        foreach (var (keyNode, valueNode) in root.Children)
        {
            string key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            switch (key)
            {
                case "name": name = reader.Scalar(valueNode, key)?.Text; break;
                case "description": description = reader.Scalar(valueNode, key)?.Text; break;
                case "repetitions": repetitions = reader.Scalar(valueNode, key); break;
                case "timeout": timeout = reader.Scalar(valueNode, key); break;
                case "defaults": defaults = reader.Settings(valueNode, key); break;
                case "matrix": matrix = reader.Axes(valueNode); break;
                case "include": include = reader.Entries(valueNode, key); break;
                case "exclude": exclude = reader.Entries(valueNode, key); break;
                case "compare": compare = reader.Compare(keyNode, valueNode); break;
                default:
                    errors.Add(new(file, MarkOf(keyNode.Start), UnknownKey("top-level key", key, TopLevelKeys)));
                    break;
            }
        }

        return new ScenarioDocument(file, name, description, repetitions, timeout, defaults, matrix, include, exclude) { Compare = compare };
    }

    /// <summary>
    /// "unknown parameter 'tranport' (did you mean 'transport'?)": the closest valid name, not the
    /// whole list (some 70 parameters would bury the hint). Without a close name, a short list is
    /// given whole and a long one by its first few.
    /// </summary>
    internal static string UnknownKey(string what, string key, IReadOnlyCollection<string> valid)
    {
        ArgumentNullException.ThrowIfNull(valid);
        if (KindNames.Closest(key, valid) is string closest)
        {
            return $"unknown {what} '{key}' (did you mean '{closest}'?)";
        }

        return valid.Count <= ListedNames
            ? $"unknown {what} '{key}'; valid: {string.Join(", ", valid)}"
            : $"unknown {what} '{key}'; no valid name is close to it ({string.Join(", ", valid.Take(ListedNames))} and {valid.Count - ListedNames} more)";
    }

    /// <summary>An unclosed bracket at its opener, which says more than where the parser stopped; else the parser's own reason.</summary>
    private static ScenarioError BrokenYaml(string file, string text, SourceMark parserMark, string parserReason) =>
        FlowBrackets.FindUnclosed(text) is var (mark, message)
            ? new(file, mark, message)
            : new(file, parserMark, $"broken YAML: {parserReason}");

    internal static SourceMark MarkOf(Mark mark) => new((int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private static string TrimPosition(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the mark already says where.
        int colon = message.LastIndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && colon >= 0 ? message[(colon + 3)..] : message;
    }

    private sealed class Reader(string file, List<ScenarioError> errors)
    {
        public ScenarioValue? Scalar(YamlNode node, string key)
        {
            if (node is YamlScalarNode scalar)
            {
                return new ScenarioValue(scalar.Value ?? string.Empty, MarkOf(node.Start));
            }

            errors.Add(new(file, MarkOf(node.Start), $"'{key}' takes a single value, not a list or mapping"));
            return null;
        }

        public IReadOnlyList<ScenarioSetting> Settings(YamlNode node, string key)
        {
            if (node is YamlScalarNode { Value: null or "" })
            {
                return [];
            }

            if (node is not YamlMappingNode mapping)
            {
                errors.Add(new(file, MarkOf(node.Start), $"'{key}' is a mapping of parameter: value"));
                return [];
            }

            var settings = new List<ScenarioSetting>();
            foreach (var (k, v) in mapping.Children)
            {
                string name = (k as YamlScalarNode)?.Value ?? string.Empty;
                if (Scalar(v, name) is { } value)
                {
                    settings.Add(new ScenarioSetting(name, MarkOf(k.Start), value));
                }
            }

            return settings;
        }

        public IReadOnlyList<ScenarioAxis> Axes(YamlNode node)
        {
            if (node is YamlScalarNode { Value: null or "" })
            {
                return [];
            }

            if (node is not YamlMappingNode mapping)
            {
                errors.Add(new(file, MarkOf(node.Start), "'matrix' is a mapping of parameter: [values]"));
                return [];
            }

            var axes = new List<ScenarioAxis>();
            foreach (var (k, v) in mapping.Children)
            {
                string name = (k as YamlScalarNode)?.Value ?? string.Empty;
                var values = new List<ScenarioValue>();
                if (v is YamlSequenceNode sequence)
                {
                    foreach (var item in sequence.Children)
                    {
                        if (Scalar(item, name) is { } value)
                        {
                            values.Add(value);
                        }
                    }

                    if (sequence.Children.Count == 0)
                    {
                        errors.Add(new(file, MarkOf(v.Start), $"matrix axis '{name}' has no values; give at least one"));
                    }
                }
                else if (Scalar(v, name) is { } single)
                {
                    values.Add(single);
                }

                axes.Add(new ScenarioAxis(name, MarkOf(k.Start), values));
            }

            return axes;
        }

        public ScenarioCompareBlock? Compare(YamlNode keyNode, YamlNode node)
        {
            if (node is not YamlMappingNode mapping)
            {
                errors.Add(new(file, MarkOf(node.Start), "'compare' is a mapping, e.g. { axis: congestion, baseline: cubic }"));
                return null;
            }

            ScenarioValue? axis = null, baseline = null;
            foreach (var (k, v) in mapping.Children)
            {
                string name = (k as YamlScalarNode)?.Value ?? string.Empty;
                switch (name)
                {
                    case "axis": axis = Scalar(v, "compare.axis"); break;
                    case "baseline": baseline = Scalar(v, "compare.baseline"); break;
                    default: errors.Add(new(file, MarkOf(k.Start), UnknownKey("compare key", name, CompareKeys))); break;
                }
            }

            if (!mapping.Children.Any(c => (c.Key as YamlScalarNode)?.Value == "axis"))
            {
                errors.Add(new(file, MarkOf(keyNode.Start), "'compare' needs 'axis': the matrix axis to judge as an A/B, e.g. axis: congestion"));
            }

            return new ScenarioCompareBlock(MarkOf(keyNode.Start), axis, baseline);
        }

        public IReadOnlyList<IReadOnlyList<ScenarioSetting>> Entries(YamlNode node, string key)
        {
            if (node is YamlScalarNode { Value: null or "" })
            {
                return [];
            }

            if (node is not YamlSequenceNode sequence)
            {
                errors.Add(new(file, MarkOf(node.Start), $"'{key}' is a list of mappings, e.g. - {{ transport: tcp6, pattern: rr }}"));
                return [];
            }

            return sequence.Children.Select(entry => Settings(entry, key)).Where(s => s.Count > 0).ToList();
        }
    }
}
