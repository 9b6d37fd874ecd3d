using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoopBench.Core.Results;

/// <summary>
/// The JSON form of results: camelCase names that carry units, enums as their <see cref="IdAttribute"/> ids, invariant
/// numbers. One options instance for every reader and writer, so the shape cannot drift.
/// </summary>
internal static class ResultJson
{
    /// <summary>The shared serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new EnumIdJsonConverterFactory() },
    };

    /// <summary>Serializes a run.</summary>
    public static string Serialize(RunResult run) => JsonSerializer.Serialize(run, Options);

    /// <summary>Writes the document to <paramref name="stream"/> in pooled chunks: a large run never becomes one string.</summary>
    public static void Write(Stream stream, RunResult run) => JsonSerializer.Serialize(stream, run, Options);

    /// <summary>Reads a run; throws <see cref="JsonException"/> on malformed input.</summary>
    public static RunResult Deserialize(string json) =>
        JsonSerializer.Deserialize<RunResult>(json, Options) ?? throw new JsonException("empty result document");
}
