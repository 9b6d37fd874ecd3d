using System.Text.Json;
using LoopBench.Core.Results;
using LoopBench.Core.Sandbox;

namespace LoopBench.Tests.Core.Sandbox;

public sealed class QdiscSpecTests
{
    [Theory]
    [InlineData("pfifo:limit=100", "pfifo:limit=100")]
    [InlineData("bfifo:limit=64K", "bfifo:limit=65536")]
    [InlineData("tbf:rate=1gbit,burst=256K,latency=20ms", "tbf:rate=1gbit,burst=262144,latency=20ms")]
    [InlineData("htb:rate=200mbit,child=bfifo,limit=100000", "htb:rate=200mbit,child=bfifo,limit=100000")]
    [InlineData("fq-codel", "fq_codel")]
    [InlineData("netem:delay=1ms", "netem:delay=1ms")]
    [InlineData("SFQ:limit=64", "sfq:limit=64")]
    [InlineData("cake", "cake")]
    [InlineData(" TBF : rate=500mbit , burst=100000 ", "tbf:rate=500mbit,burst=100000")]
    public void Parse_ThenToString_IsCanonical_AndRoundTrips(string text, string canonical)
    {
        var spec = QdiscSpec.Parse(text);
        Assert.Equal(canonical, spec.ToString());
        Assert.Equal(spec, QdiscSpec.Parse(spec.ToString()));
    }

    [Theory]
    [InlineData("cbq", "unknown qdisc 'cbq'")]
    [InlineData("pfifo:limit", "not key=value")]
    [InlineData("pfifo:depth=3", "unknown qdisc parameter 'depth'")]
    [InlineData("tbf:rate=fast", "'fast' is not a rate")]
    [InlineData("htb:rate=1gbit,child=tbf", "use pfifo or bfifo")]
    [InlineData("pfifo:limit=0", "must be positive")]
    public void Parse_Rejects_WithAClearMessage(string text, string hint)
    {
        var ex = Assert.Throws<SandboxSettingsException>(() => QdiscSpec.Parse(text));
        Assert.Contains(hint, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_IsTheTextForm()
    {
        var settings = new SandboxSettings { Qdisc = QdiscSpec.Parse("tbf:rate=1gbit,burst=256K") };
        string json = JsonSerializer.Serialize(settings, ResultJson.Options);
        Assert.Contains("\"qdisc\": \"tbf:rate=1gbit,burst=262144\"", json, StringComparison.Ordinal);
        Assert.Equal(settings.Qdisc, JsonSerializer.Deserialize<SandboxSettings>(json, ResultJson.Options)!.Qdisc);
    }
}
