using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoopBench.Core.Results;

/// <summary>
/// A calibration row's outcome: its figures' combined outcome when it measured them, or the case
/// outcome that stopped it (skipped, failed, interrupted). One "outcome" field in run.json holds the
/// id of either; the two id sets do not overlap, so reading it back is unambiguous.
/// </summary>
[JsonConverter(typeof(CalibrationRowOutcomeJsonConverter))]
internal readonly record struct CalibrationRowOutcome
{
    private CalibrationRowOutcome(CalibrationOutcome? figures, CaseOutcome? stopped) => (Figures, Stopped) = (figures, stopped);

    /// <summary>The figures' combined outcome, or null when the row stopped before them.</summary>
    public CalibrationOutcome? Figures { get; }

    /// <summary>What stopped the row, or null when it measured its figures.</summary>
    public CaseOutcome? Stopped { get; }

    public static CalibrationRowOutcome Of(CalibrationOutcome figures) => new(figures, null);

    public static CalibrationRowOutcome Of(CaseOutcome stopped) => new(null, stopped);

    /// <summary>The stored id: "met", "skipped:tool-missing", …</summary>
    public string ToId() => Figures is { } f ? f.ToId() : Stopped.GetValueOrDefault().ToId();

    /// <summary>The id, so that a row's outcome reads the same wherever it is printed.</summary>
    public override string ToString() => ToId();

    public static bool TryParse(string? id, out CalibrationRowOutcome outcome)
    {
        outcome = EnumIds.TryParse(id, out CalibrationOutcome figures) ? Of(figures)
            : EnumIds.TryParse(id, out CaseOutcome stopped) ? Of(stopped)
            : default;
        return outcome != default;
    }
}

/// <summary>Writes and reads a <see cref="CalibrationRowOutcome"/> as its id.</summary>
internal sealed class CalibrationRowOutcomeJsonConverter : JsonConverter<CalibrationRowOutcome>
{
    public override CalibrationRowOutcome Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return CalibrationRowOutcome.TryParse(id, out var outcome)
            ? outcome
            : throw EnumIdJsonConverterFactory.UnknownId($"'{id}'", "a calibration row outcome", EnumIds.Ids<CalibrationOutcome>().Concat(EnumIds.Ids<CaseOutcome>()));
    }

    public override void Write(Utf8JsonWriter writer, CalibrationRowOutcome value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToId());
    }
}
