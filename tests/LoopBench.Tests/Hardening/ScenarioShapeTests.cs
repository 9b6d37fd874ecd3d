using LoopBench.Core.Scenarios;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Hardening;

/// <summary>
/// Small files that describe huge or deep structures are refused at once, with file:line, before
/// anything is expanded or parsed recursively; a second YAML document is refused, not ignored.
/// </summary>
public sealed class ScenarioShapeTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Write(string name, string text)
    {
        string path = Path.Combine(_temp.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Seven axes of ten values: 10⁷ cases from about 400 bytes.</summary>
    private static string SevenAxes()
    {
        string[] keys = ["length", "time", "warmup", "parallel", "interval", "request-size", "response-size"];
        var values = string.Join(", ", Enumerable.Range(1, 10).Select(i => (i * 64).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return "name: huge\nmatrix:\n" + string.Concat(keys.Select(k => $"  {k}: [{values}]\n"));
    }

    [Fact(Timeout = 5_000)]
    public void Validate_AMatrixOfTenMillionCases_IsRefusedBeforeExpanding()
    {
        var document = ScenarioLoader.Load(Write("huge.yaml", SevenAxes()));
        long before = GC.GetAllocatedBytesForCurrentThread();

        var ex = Assert.Throws<ScenarioException>(() => ScenarioValidator.Validate(document));

        Assert.Contains("10000000 cases", ex.Message, StringComparison.Ordinal);
        Assert.Contains("huge.yaml:3:", ex.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "the matrix was expanded before it was counted");
    }

    [Fact(Timeout = 5_000)]
    public void CountUpperBound_SaturatesInsteadOfOverflowing()
    {
        var values = Enumerable.Range(0, 1000).Select(i => new ScenarioValue(i.ToString(System.Globalization.CultureInfo.InvariantCulture), new SourceMark(1, 1))).ToList();
        var axes = Enumerable.Range(0, 8).Select(i => new ScenarioAxis("length", new SourceMark(1, 1), values)).ToList();
        var document = new ScenarioDocument("x.yaml", null, null, null, null, [], axes, [], []);
        Assert.Equal(long.MaxValue, MatrixExpander.CountUpperBound(document));
    }

    [Theory]
    [InlineData(50_000, "[", "]")]
    [InlineData(16_000, "{a: ", "}")]
    public void Guard_DeepFlowNesting_IsFoundWithItsPlace(int depth, string open, string close)
    {
        string text = "defaults:\n  x: " + string.Concat(Enumerable.Repeat(open, depth)) + string.Concat(Enumerable.Repeat(close, depth)) + "\n";
        var found = NestingGuard.Check(text);
        Assert.NotNull(found);
        Assert.Equal(2, found.Value.Mark.Line);
        Assert.Contains("deeper than 64", found.Value.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Guard_DeepBlockNesting_IsFound_AndEveryShippedScenarioPasses()
    {
        string deep = string.Concat(Enumerable.Range(0, 100).Select(i => new string(' ', i) + "k:\n"));
        Assert.NotNull(NestingGuard.Check(deep));
        Assert.NotNull(NestingGuard.Check(string.Concat(Enumerable.Repeat("- ", 100)) + "x\n"));
        foreach (string file in Directory.GetFiles(Path.Combine(RepoFiles.Root, "scenarios"), "*.yaml"))
        {
            Assert.Null(NestingGuard.Check(File.ReadAllText(file)));
        }

        Assert.Null(NestingGuard.Check("name: 'a [[[[ { quoted'\ndescription: \"b [[[\" # [[[[ comment\nmatrix: { length: [64, 128] }\n"));
    }

    [Fact(Timeout = 60_000)]
    [Trait(Traits.Category, Traits.Slow)] // a child process: its own stack must survive, so not in-process
    public void Run_DeeplyNestedFile_ExitsTwoWithFileAndLine_InsteadOfOverflowingTheStack()
    {
        string path = Write("deep.yaml", "name: deep\ndefaults:\n  x: " + new string('[', 50_000) + "\n");
        using var child = CliProcess.Start(["run", path, "--dry-run"]);
        Assert.True(child.WaitForExit(TimeSpan.FromSeconds(50)), "loopbench did not exit");
        Assert.Equal(2, child.Process.ExitCode);
        Assert.Contains("deep.yaml:3:", child.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ASecondDocument_IsRefused()
    {
        var errors = new List<ScenarioError>();
        ScenarioLoader.Parse("two.yaml", "name: one\nmatrix: { length: [64] }\n---\nname: two\n", errors);
        var error = Assert.Single(errors);
        Assert.Equal(4, error.Mark.Line);
        Assert.Contains("second", error.Message, StringComparison.Ordinal);
    }
}
