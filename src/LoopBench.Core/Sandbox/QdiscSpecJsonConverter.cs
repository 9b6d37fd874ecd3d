using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoopBench.Core.Sandbox;

/// <summary>Writes a <see cref="QdiscSpec"/> as its canonical text, so results read like the flag that made them.</summary>
internal sealed class QdiscSpecJsonConverter : JsonConverter<QdiscSpec>
{
    public override QdiscSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        QdiscSpec.Parse(reader.GetString() ?? throw new JsonException("qdisc must be a string such as 'pfifo:limit=100'"));

    public override void Write(Utf8JsonWriter writer, QdiscSpec value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
