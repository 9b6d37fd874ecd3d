using LoopBench.Core.Scenarios;

namespace LoopBench.Tests.Core.Scenarios;

public sealed class MatrixExpanderTests
{
    private static IReadOnlyList<Case> Cases(string yaml, params (string Key, string Value)[] sets)
    {
        var errors = new List<ScenarioError>();
        var document = ScenarioLoader.Parse("m.yaml", yaml, errors)!;
        Assert.Empty(errors);
        var overrides = sets.Select(s => new ScenarioSetting(s.Key, new SourceMark(0, 0), new ScenarioValue(s.Value, new SourceMark(0, 0)))).ToList();
        return ScenarioValidator.Validate(document, overrides).Cases;
    }

    [Fact]
    public void CrossProduct_FirstAxisVariesSlowest()
    {
        var cases = Cases("matrix:\n  transport: [tcp4, tcp6, unix-stream]\n  pattern: [stream, rr]\n  length: [64, 1K]\n");
        Assert.Equal(12, cases.Count);
        Assert.StartsWith("tcp4 stream", cases[0].Key, StringComparison.Ordinal);
        Assert.Equal(64, cases[0].MessageBytes);
        Assert.Equal(1024, cases[1].MessageBytes);
        Assert.StartsWith("tcp4 rr", cases[2].Key, StringComparison.Ordinal);
        Assert.StartsWith("unix-stream rr", cases[^1].Key, StringComparison.Ordinal);
        Assert.Equal(12, cases.Select(c => c.Key).Distinct().Count());
    }

    [Fact]
    public void AnyRegistryParameter_IsAnAxis()
    {
        // Every parameter of the registry works as an axis with one valid value; new parameters need no scenario code.
        var valid = new Dictionary<string, string>
        {
            ["transport"] = "tcp4", ["pattern"] = "rr", ["engine"] = "blocking", ["placement"] = "unpinned", ["bind"] = "127.0.0.2",
            ["port"] = "0", ["unix-dir"] = "/tmp", ["length"] = "64", ["request-size"] = "100", ["response-size"] = "4K",
            ["nodelay"] = "on", ["time"] = "1s", ["warmup"] = "0", ["interval"] = "0",
        };
        foreach (var parameter in CaseParameters.All.Where(p => valid.ContainsKey(p.Name)))
        {
            var cases = Cases($"matrix:\n  {parameter.Name}: [\"{valid[parameter.Name]}\"]\n");
            Assert.Single(cases);
        }
    }

    [Fact]
    public void Exclude_DropsMatchingCombinations_Include_AddsCases()
    {
        string yaml = "defaults:\n  time: 1s\nmatrix:\n  transport: [tcp4, unix-stream]\n  pattern: [stream, rr]\n"
            + "exclude:\n  - { transport: unix-stream, pattern: stream }\ninclude:\n  - { transport: tcp6, pattern: rr, time: 2s }\n";
        var keys = Cases(yaml).Select(c => c.Key).ToList();
        Assert.Equal(4, keys.Count);
        Assert.DoesNotContain(keys, k => k.StartsWith("unix-stream stream", StringComparison.Ordinal));
        Assert.Contains(keys, k => k.StartsWith("tcp6 rr", StringComparison.Ordinal) && k.Contains("t=2s", StringComparison.Ordinal));
    }

    [Fact]
    public void Override_CollapsesItsAxis_AndDuplicatesMerge()
    {
        var cases = Cases("matrix:\n  transport: [tcp4, unix-stream]\n  length: [64, 1K]\n", ("length", "4K"));
        Assert.Equal(2, cases.Count);
        Assert.All(cases, c => Assert.Equal(4096, c.MessageBytes));
    }

    [Fact]
    public void NoMatrix_IsOneCaseFromDefaults()
    {
        var c = Assert.Single(Cases("defaults:\n  transport: unix-stream\n"));
        Assert.StartsWith("unix-stream stream", c.Key, StringComparison.Ordinal);
    }
}
