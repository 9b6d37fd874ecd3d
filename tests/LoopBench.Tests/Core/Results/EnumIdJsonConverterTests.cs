using System.Text.Json;
using LoopBench.Core.Engines;
using LoopBench.Core.Results;
using LoopBench.Core.Transports;

namespace LoopBench.Tests.Core.Results;

public sealed class EnumIdJsonConverterTests
{
    private enum WithoutIds
    {
        A,
    }

    [Fact(Timeout = 5_000)]
    public void Write_WritesTheId_NotTheMemberName()
    {
        Assert.Equal("\"networkstream\"", JsonSerializer.Serialize(EngineKind.NetworkStream, ResultJson.Options));
        Assert.Equal("\"unix-seqpacket\"", JsonSerializer.Serialize(TransportKind.UnixSeqpacket, ResultJson.Options));
        Assert.Equal("\"sndbuf\"", JsonSerializer.Serialize(SocketKnobId.SendBuffer, ResultJson.Options));
    }

    [Fact(Timeout = 5_000)]
    public void ReadAndWrite_RoundTripEveryMember_IncludingNullableAndDictionaryKeys()
    {
        foreach (var kind in Enum.GetValues<EngineKind>())
        {
            string json = JsonSerializer.Serialize<EngineKind?>(kind, ResultJson.Options);
            Assert.Equal(kind, JsonSerializer.Deserialize<EngineKind?>(json, ResultJson.Options));
        }

        var keyed = new Dictionary<TransportKind, int> { [TransportKind.UnixDgram] = 1 };
        string text = JsonSerializer.Serialize(keyed, ResultJson.Options);
        Assert.Contains("\"unix-dgram\"", text, StringComparison.Ordinal);
        Assert.Equal(1, JsonSerializer.Deserialize<Dictionary<TransportKind, int>>(text, ResultJson.Options)![TransportKind.UnixDgram]);
    }

    [Theory(Timeout = 5_000)]
    [InlineData("\"NetworkStream\"")]
    [InlineData("\"Networkstream\"")]
    [InlineData("\"network-stream\"")]
    [InlineData("\" networkstream\"")]
    [InlineData("5")]
    public void Read_AcceptsExactlyTheIds(string json)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<EngineKind>(json, ResultJson.Options));
        Assert.Contains("networkstream", ex.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 5_000)]
    public void AnEnumWithoutIds_IsRefused()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => JsonSerializer.Serialize(WithoutIds.A, ResultJson.Options));
        Assert.Contains(nameof(WithoutIds), ex.Message, StringComparison.Ordinal);
    }
}
