using LoopBench.Core.Scenarios;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Scenarios;

/// <summary>Broken YAML is reported in words at its place: an unclosed bracket at its opener, anything else with the parser's own reason.</summary>
public sealed class BrokenYamlTests
{
    private static ScenarioError ParseError(string yaml)
    {
        var errors = new List<ScenarioError>();
        Assert.Null(ScenarioLoader.Parse("syntax.yaml", yaml, errors));
        return Assert.Single(errors);
    }

    [Theory]
    [InlineData("name: x\ndefaults:\n  pattern: {stream\nmatrix:\n  transport: [tcp4]\n", "syntax.yaml:3:12: '{' opened here is never closed")]
    [InlineData("name: x\nmatrix:\n  transport: [tcp4, tcp6\n", "syntax.yaml:3:14: '[' opened here is never closed")]
    [InlineData("matrix:\n  transport: [tcp4, tcp6\n  length: [64, 128]\n", "syntax.yaml:2:14: '[' opened here is never closed")]
    [InlineData("matrix: { length: [64, 128 }\n", "syntax.yaml:1:19: '[' opened here is never closed ('}' at 1:28 does not close it)")]
    [InlineData("description: it's a [draft\nmatrix:\n  length: [64, 128\n", "syntax.yaml:3:11: '[' opened here is never closed")]
    [InlineData("description: |\n  text with [ and { and 'quotes\nmatrix: {length: [64]\n", "syntax.yaml:3:9: '{' opened here is never closed")]
    [InlineData("name: 'a [ { b' # [ {\nmatrix: &m [\n", "syntax.yaml:2:12: '[' opened here is never closed")]
    public void UnclosedBracket_IsReportedAtItsOpener(string yaml, string expected)
    {
        Assert.Equal(expected, ParseError(yaml).ToString());
    }

    [Theory]
    [InlineData("name: \"never closed\nmatrix: {}\n", "syntax.yaml:1:7: broken YAML: ", "quoted scalar")]
    [InlineData("matrix:\n  length: [64]\n length: [128]\n", "syntax.yaml:3:", "")]
    public void OtherBrokenYaml_KeepsTheParsersReasonAndPlace(string yaml, string expectedStart, string expectedReason)
    {
        string error = ParseError(yaml).ToString();
        Assert.StartsWith(expectedStart, error, StringComparison.Ordinal);
        Assert.Contains(expectedReason, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Operation is not valid", error, StringComparison.Ordinal);
        Assert.DoesNotContain("never closed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void FindUnclosed_EveryShippedScenario_HasNone()
    {
        foreach (string file in Directory.GetFiles(Path.Combine(RepoFiles.Root, "scenarios"), "*.yaml"))
        {
            Assert.Null(FlowBrackets.FindUnclosed(File.ReadAllText(file)));
        }

        Assert.Null(FlowBrackets.FindUnclosed("a: b]\nc: 'it''s [' # {\nd: \"\\\" [\"\ne: >\n  [ {\nf: [x, {y: z}]\n"));
    }
}
