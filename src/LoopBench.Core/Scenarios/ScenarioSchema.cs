using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LoopBench.Core.Scenarios;

/// <summary>
/// Generates docs/scenario.schema.json (JSON Schema draft-07) from the case-parameter catalogue
/// (<see cref="CaseParameters.All"/>) and the loader's keys, so editor completion and diagnostics
/// know every parameter, its allowed ids and its range exactly as the loader does. A test compares
/// the committed file with this output.
/// </summary>
internal static class ScenarioSchema
{
    /// <summary>Where the schema lives in the repository, relative to its root.</summary>
    public const string RepositoryPath = "docs/scenario.schema.json";

    private const string SysctlKeyPattern = @"^(host-)?sysctl\.[A-Za-z0-9_./-]+$";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",

        // A file for people and editors, never embedded in HTML: keep µ, <, > and + readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The schema text, newline-terminated.</summary>
    public static string Generate() => Build().ToJsonString(Json) + "\n";

    private static JsonObject Build()
    {
        var properties = new JsonObject();
        foreach (string key in ScenarioLoader.TopLevelKeys)
        {
            properties[key] = TopLevel(key);
        }

        var definitions = new JsonObject
        {
            ["scalar"] = new JsonObject { ["type"] = Types("string", "number", "boolean") },
            ["parameters"] = Parameters(),
            ["matrix"] = Matrix(),
        };
        foreach (var parameter in CaseParameters.All)
        {
            definitions[DefinitionName(parameter)] = Value(parameter);
        }

        return new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["$id"] = "https://github.com/loopbench/loopbench/docs/scenario.schema.json",
            ["title"] = "LoopBench scenario",
            ["description"] = "A LoopBench experiment: defaults, a matrix of case parameters crossed into cases, include/exclude exceptions. "
                + "Generated from the case-parameter catalogue (CaseParameters.All); do not edit by hand: a test compares it with the catalogue "
                + "and LOOPBENCH_BLESS=1 rewrites it. The loader checks every name and value with file:line:col errors; "
                + "this schema is for editor completion and CI checks.",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = properties,
            ["definitions"] = definitions,
        };
    }

    private static JsonObject TopLevel(string key) => key switch
    {
        "name" => Described(new JsonObject { ["type"] = "string" }, "Short name of the experiment; defaults to the file name."),
        "description" => Described(new JsonObject { ["type"] = "string" }, "What experiment this is, in one line."),
        "repetitions" => Described(
            new JsonObject
            {
                ["anyOf"] = new JsonArray(
                    new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = ScenarioValidator.MaxRepetitions },
                    new JsonObject { ["type"] = "string", ["pattern"] = ParameterValue.IntegerPattern }),
            },
            "Repetitions per case. Defaults to 10 (5 with --quick); --reps overrides."),
        "timeout" => Described(Shape(ParameterValue.Duration), "Per-repetition timeout, e.g. 30s. Defaults to 2 x (warm-up + window) + 30 s."),
        "defaults" => Described(Ref("parameters"), "Parameters every case starts from."),
        "matrix" => Ref("matrix"),
        "include" => Described(
            new JsonObject { ["type"] = "array", ["items"] = Ref("parameters") },
            "Extra cases: each entry is the defaults overlaid with the entry's parameters."),
        "exclude" => Described(
            new JsonObject { ["type"] = "array", ["items"] = Ref("parameters") },
            "Matrix combinations to drop: a combination is dropped when every parameter of an entry matches."),
        "compare" => Compare(),
        _ => throw new InvalidOperationException($"top-level key '{key}' has no schema in ScenarioSchema.TopLevel"),
    };

    private static JsonObject Compare()
    {
        var properties = new JsonObject();
        foreach (string key in ScenarioLoader.CompareKeys)
        {
            properties[key] = key switch
            {
                "axis" => Described(new JsonObject { ["type"] = "string" }, "A matrix axis of this scenario with at least two values, e.g. congestion."),
                "baseline" => Described(
                    new JsonObject { ["type"] = Types("string", "number", "boolean") },
                    "The value the others are judged against; one of the axis's values. Defaults to the axis's first value."),
                _ => throw new InvalidOperationException($"compare key '{key}' has no schema in ScenarioSchema.Compare"),
            };
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["description"] = "An A/B inside the run: summary.md and report.html judge every other value of one matrix axis against the baseline value (the verdicts of compare RUN --axis).",
            ["additionalProperties"] = false,
            ["required"] = new JsonArray("axis"),
            ["properties"] = properties,
        };
    }

    /// <summary>defaults, include and exclude entries: one value per parameter.</summary>
    private static JsonObject Parameters()
    {
        var properties = new JsonObject();
        foreach (var parameter in CaseParameters.All)
        {
            properties[parameter.Name] = Ref(DefinitionName(parameter));
        }

        return new JsonObject
        {
            ["type"] = Types("object", "null"),
            ["description"] = "Case parameters: the names of 'loopbench quick' and --set, and sysctl.KEY / host-sysctl.KEY for one sysctl.",
            ["additionalProperties"] = false,
            ["properties"] = properties,
            ["patternProperties"] = new JsonObject { [SysctlKeyPattern] = Ref("scalar") },
        };
    }

    /// <summary>Matrix axes: a list of values (or one value) per parameter.</summary>
    private static JsonObject Matrix()
    {
        var properties = new JsonObject();
        foreach (var parameter in CaseParameters.All)
        {
            properties[parameter.Name] = OneOrList(DefinitionName(parameter));
        }

        return new JsonObject
        {
            ["type"] = Types("object", "null"),
            ["description"] = "Axes: parameter: [values]. Every case parameter can be an axis; cases are the cross product (the first axis varies slowest).",
            ["additionalProperties"] = false,
            ["properties"] = properties,
            ["patternProperties"] = new JsonObject { [SysctlKeyPattern] = OneOrList("scalar") },
        };
    }

    private static JsonObject OneOrList(string definition) => new()
    {
        ["anyOf"] = new JsonArray(
            Ref(definition),
            new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = Ref(definition) }),
    };

    private static JsonObject Value(CaseParameter parameter) => Described(Shape(parameter.Value), parameter.Description);

    /// <summary>The JSON Schema of one kind of value. YAML gives plain numbers and true/false as JSON numbers and booleans, anything else as text.</summary>
    private static JsonObject Shape(ParameterValue value) => value.Kind switch
    {
        ParameterValueKind.Text => Text(value.Pattern),
        ParameterValueKind.Choice => new JsonObject { ["enum"] = new JsonArray([.. value.Choices.Select(c => (JsonNode)c)]) },
        ParameterValueKind.Switch => new JsonObject { ["enum"] = new JsonArray([true, false, 1, 0, .. ParameterValue.SwitchWords.Select(w => (JsonNode)w)]) },
        ParameterValueKind.Integer => NumberOrText("integer", value),
        ParameterValueKind.Size or ParameterValueKind.Duration or ParameterValueKind.Rate => NumberOrText("number", value),
        _ => throw new InvalidOperationException($"parameter value kind {value.Kind} has no schema shape"),
    };

    private static JsonObject NumberOrText(string numberType, ParameterValue value)
    {
        var number = new JsonObject { ["type"] = numberType };
        if (value.Minimum is long minimum)
        {
            number["minimum"] = minimum;
        }

        if (value.Maximum is long maximum)
        {
            number["maximum"] = maximum;
        }

        return new JsonObject { ["anyOf"] = new JsonArray(number, Text(value.Pattern)) };
    }

    private static JsonObject Text(string? pattern) => pattern is null
        ? new JsonObject { ["type"] = "string" }
        : new JsonObject { ["type"] = "string", ["pattern"] = pattern };

    private static JsonObject Described(JsonObject schema, string description)
    {
        schema["description"] = description;
        return schema;
    }

    private static string DefinitionName(CaseParameter parameter) => "parameter-" + parameter.Name;

    private static JsonObject Ref(string definition) => new() { ["$ref"] = "#/definitions/" + definition };

    private static JsonArray Types(params string[] types) => new([.. types.Select(t => (JsonNode)t)]);
}
