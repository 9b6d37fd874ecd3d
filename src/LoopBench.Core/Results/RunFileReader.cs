using System.Text.Json;

namespace LoopBench.Core.Results;

/// <summary>
/// Reads a run.json for compare, export and history: a file, or a results directory holding
/// run.json. Checks the schema version before binding, so a document from a newer build gets a
/// clear message instead of half-read figures. Older versions are migrated here when they exist
/// (version 1 is the first).
/// </summary>
internal static class RunFileReader
{
    /// <summary>The file name a run directory holds.</summary>
    public const string RunFileName = "run.json";

    /// <summary>Reads the run at <paramref name="path"/> (file or directory).</summary>
    public static RunResult Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string file = Directory.Exists(path) ? Path.Combine(path, RunFileName) : path;
        if (!File.Exists(file))
        {
            throw new RunFileException(Directory.Exists(path)
                ? $"'{path}' is a directory without a {RunFileName}"
                : $"'{path}' does not exist; expected a run.json, a results directory or last:<label>");
        }

        string json;
        try
        {
            json = Safety.BoundedInput.ReadAllText(file, Safety.BoundedInput.MaxRunFileBytes, "run document");
        }
        catch (IOException ex)
        {
            throw new RunFileException($"'{file}' cannot be read: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new RunFileException($"'{file}' cannot be read: {ex.Message}", ex);
        }

        return Parse(json, file);
    }

    /// <summary>Parses a run document; <paramref name="source"/> names it in messages.</summary>
    public static RunResult Parse(string json, string source)
    {
        int version;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("schemaVersion", out var v))
            {
                throw new RunFileException($"'{source}' is not a LoopBench run document: no schemaVersion");
            }

            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out version))
            {
                throw new RunFileException($"'{source}' is not a LoopBench run document: $.schemaVersion is {Shown(v)}, expected an integer such as {RunResult.CurrentSchemaVersion}");
            }
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            // ArgumentException: text that is not valid UTF-16 (a lone surrogate) cannot become JSON
            throw new RunFileException($"'{source}' is not valid JSON: {ex.Message}", ex);
        }

        if (version < 1 || version > RunResult.CurrentSchemaVersion)
        {
            throw new RunFileException($"'{source}' has schema version {version}; this build reads versions 1 to {RunResult.CurrentSchemaVersion} (a newer LoopBench wrote it?)");
        }

        RunResult run;
        try
        {
            run = ResultJson.Deserialize(json);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or InsufficientExecutionStackException))
        {
            // Whatever binding the text throws (JsonException with its path, or a converter's own
            // error such as an unknown qdisc) comes from the document, so it is the document's fault.
            // A converter's own message lacks the path, which the serializer still records.
            string at = ex is JsonException { Path: { } where } && !ex.Message.Contains(where, StringComparison.Ordinal) ? $" (at {where})" : string.Empty;
            throw new RunFileException($"'{source}' is a corrupt run document: {ex.Message}{at}", ex);
        }

        if (RunDocumentShape.FirstMissing(run) is string path)
        {
            throw new RunFileException($"'{source}' is a corrupt run document: {path} is missing or null, and a run document requires it");
        }

        return RunDocumentValues.FirstInvalid(run) is string problem
            ? throw new RunFileException($"'{source}' is a corrupt run document: {problem}")
            : run;
    }

    /// <summary>A JSON value as the message shows it: its kind and, when short, its text.</summary>
    private static string Shown(JsonElement value)
    {
        string kind = value.ValueKind switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number that is not a 32-bit integer",
            JsonValueKind.Null => "null",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Array => "an array",
            _ => "an object",
        };
        string text = value.GetRawText();
        return text.Length <= 20 && value.ValueKind is not JsonValueKind.Null ? $"{kind} ({text})" : kind;
    }
}
