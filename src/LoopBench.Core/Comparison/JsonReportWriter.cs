using System.Text.Json;
using System.Text.Json.Serialization;
using LoopBench.Core.Results;

namespace LoopBench.Core.Comparison;

/// <summary>The comparison as JSON, with the same naming rules as run.json (camelCase, kebab-case ids).</summary>
internal static class JsonReportWriter
{
    /// <summary>Renders <paramref name="report"/>.</summary>
    public static string Write(ComparisonReport report) => JsonSerializer.Serialize(report, ResultJson.Options) + "\n";
}

/// <summary>
/// <see cref="MetricComparison.Better"/> as its id, and a row without a direction (a failed candidate's
/// "outcome") as "": the JSON report has always written the key with an empty value there, so its readers see the same document.
/// </summary>
internal sealed class NoDirectionJsonConverter : JsonConverter<BetterDirection?>
{
    /// <inheritdoc/>
    public override bool HandleNull => true;

    /// <inheritdoc/>
    public override BetterDirection? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return string.IsNullOrEmpty(text) ? null
            : EnumIds.TryParse(text, out BetterDirection better) ? better
            : throw EnumIdJsonConverterFactory.UnknownId($"'{text}'", nameof(BetterDirection), [.. EnumIds.Ids<BetterDirection>(), "or empty"]);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, BetterDirection? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value?.ToId() ?? string.Empty);
    }
}
