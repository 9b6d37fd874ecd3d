using LoopBench.Core;
using System.Text.RegularExpressions;
using LoopBench.Core.Scenarios;
using LoopBench.Tests.Fixtures;
using NJsonSchema;

namespace LoopBench.Tests.Core.Scenarios;

public sealed class ScenarioSchemaTests
{
    [Fact(Timeout = 10_000)]
    public void CommittedSchema_IsTheOneGeneratedFromTheCatalogue()
    {
        Golden.AssertFile(ScenarioSchema.Generate(), RepoFiles.PathOf(ScenarioSchema.RepositoryPath.Split('/')),
            "docs/scenario.schema.json is generated from CaseParameters.All: a parameter, id or range changed. "
            + "Review the .received file and re-run with LOOPBENCH_BLESS=1 to rewrite the schema.");
    }

    [Fact(Timeout = 10_000)]
    public async Task Schema_NamesEveryParameter_InDefaultsAndMatrix()
    {
        var schema = await JsonSchema.FromJsonAsync(ScenarioSchema.Generate(), TestContext.Current.CancellationToken);
        var names = CaseParameters.All.Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(names, schema.Definitions["parameters"].Properties.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(names, schema.Definitions["matrix"].Properties.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>The schema and the loader agree on each file: both accept it, or both refuse it.</summary>
    [Theory(Timeout = 20_000)]
    [InlineData("defaults: { transport: tcp4, engine: async-inline }", true)]
    [InlineData("defaults: { tranport: tcp4 }", false)]
    [InlineData("defaults: { engine: asnyc }", false)]
    [InlineData("matrix: { transport: [tcp4, unix-stream], length: [64, 4K, 1MiB] }", true)]
    [InlineData("matrix: { transport: [tcp4, tcp7] }", false)]
    [InlineData("matrix: { length: [64, 0] }", false)]
    [InlineData("matrix: { length: [64, 12x] }", false)]
    [InlineData("matrix: { sysctl.net.ipv4.tcp_rmem: ['4096 65536 65536', '4096 131072 6291456'] }", true)]
    [InlineData("defaults: { time: 500ms, warmup: 0.2, nodelay: on, parallel: 2 }", true)]
    [InlineData("defaults: { transport: udp4, bitrate: 100M, length: 1400 }", true)]
    [InlineData("defaults: { time: 5 parsecs }", false)]
    [InlineData("defaults: { nodelay: maybe }", false)]
    [InlineData("defaults: { parallel: 0 }", false)]
    [InlineData("defaults:\n  cpus: 0,1\n  placement: cpus", true)]
    [InlineData("defaults: { cpus: first }", false)]
    [InlineData("defaults: { tos: 0x10 }", true)]
    [InlineData("defaults: { tos: 256 }", false)]
    [InlineData("repetitions: 0", false)]
    [InlineData("matrx: { length: [64] }", false)]
    public async Task Schema_AndLoader_Agree(string body, bool valid)
    {
        string yaml = "name: t\n" + body + "\n";
        var schema = await JsonSchema.FromJsonAsync(ScenarioSchema.Generate(), TestContext.Current.CancellationToken);
        var errors = schema.Validate(RepoFiles.YamlToJson(yaml)!.ToJsonString());
        Assert.True(valid == (errors.Count == 0), $"schema: {string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}"))}");

        Exception? refused = Record.Exception(() => Scenario.FromText("t.yaml", yaml));
        Assert.True(valid == refused is null, $"loader: {refused?.Message}");
    }

    [Theory(Timeout = 5_000)]
    [InlineData("64")]
    [InlineData("128K")]
    [InlineData("1MiB")]
    [InlineData("1.5m")]
    [InlineData("64 KB")]
    [InlineData(" 2GiB ")]
    [InlineData("12x")]
    [InlineData("1e3")]
    [InlineData("K")]
    [InlineData("")]
    public void SizePattern_MatchesWhatTheParserTakes(string text)
    {
        Assert.Equal(ValueParsers.TryParseBytes(text, out _, out _), Regex.IsMatch(text, ValueParsers.SizePattern));
    }

    [Theory(Timeout = 5_000)]
    [InlineData("10")]
    [InlineData("500ms")]
    [InlineData("2S")]
    [InlineData("1m")]
    [InlineData("250us")]
    [InlineData("250µs")]
    [InlineData("1h")]
    [InlineData("3 days")]
    [InlineData("ms")]
    public void DurationPattern_MatchesWhatTheParserTakes(string text)
    {
        Assert.Equal(ValueParsers.TryParseDurationMs(text, out _, out _), Regex.IsMatch(text, ValueParsers.DurationPattern));
    }
}
