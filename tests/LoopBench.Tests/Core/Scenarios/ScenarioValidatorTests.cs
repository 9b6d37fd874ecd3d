using LoopBench.Core.Scenarios;

namespace LoopBench.Tests.Core.Scenarios;

public sealed class ScenarioValidatorTests
{
    private static Scenario Load(string yaml, params string[] sets)
    {
        var overrides = sets.Select(s => s.Split('=', 2))
            .Select(p => new ScenarioSetting(p[0], new SourceMark(0, 0), new ScenarioValue(p[1], new SourceMark(0, 0)))).ToList();
        return Scenario.FromText("s.yaml", yaml, overrides);
    }

    private static string[] ErrorsOf(string yaml, params string[] sets) =>
        Assert.Throws<ScenarioException>(() => Load(yaml, sets)).Errors.Select(e => e.ToString()).ToArray();

    [Theory]
    [InlineData("matrix:\n  tranport: [tcp4]\n", "s.yaml:2:3: unknown parameter 'tranport' (did you mean 'transport'?)")]
    [InlineData("matrix:\n  transport: [tcp4, tpc6]\n", "s.yaml:2:21: transport: unknown transport 'tpc6' (did you mean 'tcp6'?)")]
    [InlineData("defaults:\n  time: 0\n", "s.yaml:2:9: time: 0 ms is out of range")]
    [InlineData("defaults:\n  length: 65M\n", "s.yaml:2:11: length: 68157440 bytes is out of range; use 1 B to 64 MiB")]
    [InlineData("defaults:\n  bind: 10.0.0.1\n", "s.yaml:2:9: bind:")]
    [InlineData("matrx:\n  transport: [tcp4]\n", "s.yaml:1:1: unknown top-level key 'matrx' (did you mean 'matrix'?)")]
    [InlineData("repetitions: 0\n", "s.yaml:1:14: repetitions: '0' is out of range")]
    [InlineData("timeout: soon\n", "s.yaml:1:10: timeout: 'soon' is not a duration")]
    [InlineData("matrix:\n  transport: [tcp4\n", "s.yaml:")]
    [InlineData("matrix: [tcp4]\n", "s.yaml:1:9: 'matrix' is a mapping of parameter: [values]")]
    [InlineData("exclude:\n  - { transprt: tcp4 }\n", "s.yaml:2:7: unknown parameter 'transprt' (did you mean 'transport'?)")]
    [InlineData("", "s.yaml:1:1: the file is empty")]
    [InlineData("matrix:\n  transport: [tcp4]\nexclude:\n  - { transport: tcp4 }\n", "s.yaml:2:3: the matrix expands to zero cases")]
    public void Errors_PointAtLineAndColumn_WithSuggestions(string yaml, string expected)
    {
        var errors = ErrorsOf(yaml);
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("matrix:\n  tranport: [tcp4, tcp6, unix-stream]\n", "s.yaml:2:3: unknown parameter 'tranport' (did you mean 'transport'?)")]
    [InlineData("defaults:\n  lenght: 64\n", "s.yaml:2:3: unknown parameter 'lenght' (did you mean 'length'?)")]
    [InlineData("matrx:\n  transport: [tcp4]\n", "s.yaml:1:1: unknown top-level key 'matrx' (did you mean 'matrix'?)")]
    [InlineData("colour: red\n", "s.yaml:1:1: unknown top-level key 'colour'; valid: name, description, repetitions, timeout, defaults, matrix, include, exclude, compare")]
    public void UnknownKey_IsOneMessage_WithTheClosestName_NotEveryName(string yaml, string expected)
    {
        Assert.Equal(expected, Assert.Single(ErrorsOf(yaml)));
    }

    [Fact]
    public void UnknownParameter_WithNoCloseName_ListsAFewNotAll()
    {
        string error = Assert.Single(ErrorsOf("matrix:\n  zzzzzzzz: [1, 2]\n"));
        Assert.StartsWith("s.yaml:2:3: unknown parameter 'zzzzzzzz'; no valid name is close to it (transport, pattern,", error, StringComparison.Ordinal);
        Assert.DoesNotContain("host-sysctl", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_AreAllCollected_InFileOrder()
    {
        var errors = ErrorsOf("defaults:\n  time: -1\n  colour: red\nmatrix:\n  transport: [tcp4, sctp]\n  pattern: [bulk]\nextra: 1\n");
        Assert.Equal(5, errors.Length);
        Assert.StartsWith("s.yaml:7:1: unknown top-level key 'extra'", errors[4], StringComparison.Ordinal);
        Assert.StartsWith("s.yaml:2:", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("s.yaml:3:3: unknown parameter 'colour'", errors[1], StringComparison.Ordinal);
        Assert.StartsWith("s.yaml:5:", errors[2], StringComparison.Ordinal);
        Assert.StartsWith("s.yaml:6:", errors[3], StringComparison.Ordinal);
    }

    [Fact]
    public void CaseLevelErrors_PointAtTheValueThatCausedThem()
    {
        // bind is valid text, but not for unix-stream: the error names the line of the bind value and the case.
        var errors = ErrorsOf("defaults:\n  bind: 127.0.0.1\nmatrix:\n  transport: [tcp4, unix-stream]\n");
        var error = Assert.Single(errors);
        Assert.StartsWith("s.yaml:2:9: bind: transport unix-stream takes no address", error, StringComparison.Ordinal);
        Assert.Contains("(case unix-stream", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Overrides_AreCheckedAndNamedAsSet()
    {
        var errors = ErrorsOf("matrix:\n  transport: [tcp4]\n", "tme=2s", "time=0");
        Assert.Contains(errors, e => e.StartsWith("--set: unknown parameter 'tme' (did you mean 'time'?)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--set: time: 0 ms is out of range", StringComparison.Ordinal));
    }

    [Fact]
    public void Valid_GivesResolvedCasesAndSettings()
    {
        var s = Load("name: x\nrepetitions: 4\ntimeout: 30s\ndefaults:\n  time: 500ms\nmatrix:\n  transport: [tcp4, unix-stream]\n");
        Assert.Equal("x", s.Name);
        Assert.Equal(4, s.Repetitions);
        Assert.Equal(30_000, s.TimeoutMs);
        Assert.Equal(2, s.Cases.Count);
        Assert.All(s.Cases, c => Assert.Equal(500, c.DurationMs));
        Assert.Equal("127.0.0.1", s.Cases[0].Bind); // resolved
    }

    [Fact]
    public void Load_MissingFile_SaysSo()
    {
        var ex = Assert.Throws<ScenarioException>(() => Scenario.Load("/nonexistent/x.yaml"));
        Assert.Equal("/nonexistent/x.yaml: no such scenario file", ex.Message);
    }
}
