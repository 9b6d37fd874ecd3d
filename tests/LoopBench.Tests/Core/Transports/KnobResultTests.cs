using System.Text.Json;
using LoopBench.Core;
using LoopBench.Core.Results;
using LoopBench.Core.Transports;

namespace LoopBench.Tests.Core.Transports;

public sealed class KnobResultTests
{
    private static readonly KnobResult Capped = new(
        "SO_RCVBUF", SocketKnobId.ReceiveBuffer, EndRole.Server, KnobStatus.Capped, KnobUnit.Bytes, "16 MiB", "8 MiB", 16_777_216, 8_388_608,
        null, "capped by net.core.rmem_max=4194304 (doubled by the kernel); use force to exceed it");

    [Fact]
    public void Describe_CappedBuffer_ReadsAsTheIssueAsks()
    {
        Assert.Equal(
            "SO_RCVBUF 16 MiB requested, 8 MiB effective: capped by net.core.rmem_max=4194304 (doubled by the kernel); use force to exceed it",
            Capped.Describe());
    }

    [Fact]
    public void Json_HoldsTheKnobsId_AndReadsItBack()
    {
        // run.json holds the id, never the member's name, for socket options and message flags alike
        string json = JsonSerializer.Serialize(new[] { Capped, Capped with { Name = "MSG_TRUNC", Id = SocketKnobId.SkipCopy } }, ResultJson.Options);
        Assert.Contains("\"id\": \"rcvbuf\"", json, StringComparison.Ordinal);
        Assert.Contains("\"id\": \"skip-copy\"", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize<KnobResult[]>(json, ResultJson.Options)!;
        Assert.Equal([SocketKnobId.ReceiveBuffer, SocketKnobId.SkipCopy], back.Select(k => k.Id));
    }

    [Fact]
    public void Describe_DefaultRejectedAndEvidence()
    {
        var dflt = new KnobResult("SO_SNDBUF", SocketKnobId.SendBuffer, EndRole.Client, KnobStatus.Default, KnobUnit.Bytes, null, "4 MiB", null, 4_194_304, "unchanged at 4 MiB", null);
        Assert.Equal("SO_SNDBUF kernel default, 4 MiB effective [unchanged at 4 MiB]", dflt.Describe());
        var rejected = dflt with { Name = "UDP_SEGMENT", Status = KnobStatus.Rejected, Requested = "1400 B", Effective = null, Evidence = null, Note = "UDP_SEGMENT is a UDP option; tcp4 is not UDP" };
        Assert.Equal("UDP_SEGMENT 1400 B requested, rejected: UDP_SEGMENT is a UDP option; tcp4 is not UDP", rejected.Describe());
    }

    [Fact]
    public void Json_RoundTripsWithUnitNamedCamelCaseKeys()
    {
        string json = JsonSerializer.Serialize(Capped, ResultJson.Options);
        Assert.Contains("\"requestedValue\": 16777216", json, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"capped\"", json, StringComparison.Ordinal);
        Assert.Equal(Capped, JsonSerializer.Deserialize<KnobResult>(json, ResultJson.Options));
    }
}
