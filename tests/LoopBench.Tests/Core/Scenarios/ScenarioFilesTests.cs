using LoopBench.Core.Scenarios;
using LoopBench.Tests.Fixtures;
using NJsonSchema;

namespace LoopBench.Tests.Core.Scenarios;

public sealed class ScenarioFilesTests
{
    public static TheoryData<string> ScenarioFiles()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(RepoFiles.PathOf("scenarios"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory(Timeout = 20_000)]
    [MemberData(nameof(ScenarioFiles))]
    public async Task EveryScenario_ValidatesAgainstTheSchema_AndLoads(string name)
    {
        string path = RepoFiles.PathOf("scenarios", name);
        var schema = await JsonSchema.FromFileAsync(RepoFiles.PathOf("docs", "scenario.schema.json"), TestContext.Current.CancellationToken);
        string yaml = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        var errors = schema.Validate(RepoFiles.YamlToJson(yaml)!.ToJsonString());
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));

        var scenario = Scenario.Load(path);
        Assert.NotEmpty(scenario.Cases);
        Assert.StartsWith("# " + name, yaml, StringComparison.Ordinal); // a header comment says what experiment it is
    }

    [Fact(Timeout = 20_000)]
    public async Task Schema_RejectsUnknownTopLevelKeys_AndNamesOnlyRealParameters()
    {
        var schema = await JsonSchema.FromFileAsync(RepoFiles.PathOf("docs", "scenario.schema.json"), TestContext.Current.CancellationToken);
        Assert.NotEmpty(schema.Validate("{\"matrx\": {}}"));
        Assert.NotEmpty(schema.Validate("{\"repetitions\": 0}"));
        var listed = schema.Definitions["parameters"].Properties.Keys;
        Assert.All(listed, name => Assert.Contains(name, CaseParameters.All.Select(p => p.Name)));
    }

    [Fact(Timeout = 10_000)]
    public void QuickScenario_RunsInUnderThirtySeconds()
    {
        var scenario = Scenario.Load(RepoFiles.PathOf("scenarios", "quick.yaml"));
        var estimate = LoopBench.Core.Running.RunPlan.Estimate(scenario.Cases, scenario.Repetitions ?? 10);
        Assert.True(estimate < TimeSpan.FromSeconds(30), estimate.ToString());
    }
}
