using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoopBench.Core.Results;

/// <summary>
/// Writes every enum as its <see cref="IdAttribute"/> id and reads back exactly those ids (ordinal).
/// An enum without ids is refused when first serialized, so none can slip into a result as a number
/// or as its C# name.
/// </summary>
internal sealed class EnumIdJsonConverterFactory : JsonConverterFactory
{
    /// <inheritdoc/>
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    /// <inheritdoc/>
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        // Validates the enum now, with a message naming the member that lacks an id.
        _ = EnumIds.Read(typeToConvert);
        return (JsonConverter)Activator.CreateInstance(typeof(EnumIdJsonConverter<>).MakeGenericType(typeToConvert))!;
    }

    /// <summary>The one wording of a value that is not an id, for this converter and the hand-written ones beside it.</summary>
    /// <param name="what">The value as read: "'sender'", or the JSON token kind when it is not a string.</param>
    /// <param name="of">What it should have been an id of.</param>
    /// <param name="valid">The ids accepted.</param>
    internal static JsonException UnknownId(string what, string of, IEnumerable<string> valid) =>
        new($"{what} is not an id of {of}; valid: {string.Join(", ", valid)}");

    private sealed class EnumIdJsonConverter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String ? Parse(reader.GetString()) : throw Unknown(reader.TokenType.ToString());

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToId());

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Parse(reader.GetString());

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.ToId());

        private static T Parse(string? text) => EnumIds.TryParse(text, out T value) ? value : throw Unknown($"'{text}'");

        private static JsonException Unknown(string what) => UnknownId(what, typeof(T).Name, EnumIds.Ids<T>());
    }
}
