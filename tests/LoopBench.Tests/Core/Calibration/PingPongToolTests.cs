using LoopBench.Core.Calibration;
using LoopBench.Core.Results;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Calibration;

/// <summary>The C reference loop: found beside the build, compiled once per source version, and its output read.</summary>
public sealed class PingPongToolTests
{
    [Fact]
    public void FindSource_FromTheBuildOutput_FindsTheCopiedSource()
    {
        string? source = PingPongTool.FindSource(AppContext.BaseDirectory);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, PingPongTool.SourceRelativePath), source);
    }

    [Fact]
    public void FindSource_NoneAbove_IsNull()
    {
        using var temp = new TempDirectory();
        Assert.Null(PingPongTool.FindSource(temp.Path));
    }

    [Fact(Timeout = 60_000)]
    public void Build_BrokenSource_ReportsTheCompilerFailure()
    {
        Assert.SkipUnless(ToolProcess.IsInstalled("cc"), "no C compiler (cc) on PATH");
        using var temp = new TempDirectory();
        string source = Path.Combine(temp.Path, "broken.c");
        File.WriteAllText(source, "int main(void) { return missing; }\n");

        string? failure = PingPongTool.Build(source, Path.Combine(temp.Path, "cache"), out string binary);

        Assert.NotNull(failure);
        Assert.StartsWith("cc -O2 ", failure, StringComparison.Ordinal);
        Assert.False(File.Exists(binary));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(binary)!)); // no half-written binary left
    }

    [Fact(Timeout = 60_000)]
    [Trait(Traits.Category, Traits.Loopback)]
    public void Build_TheSource_CompilesOnce_AndTheLoopPrintsItsLine()
    {
        Assert.SkipUnless(ToolProcess.IsInstalled("cc"), "no C compiler (cc) on PATH");
        using var temp = new TempDirectory();
        string source = PingPongTool.FindSource(AppContext.BaseDirectory)!;
        string cache = Path.Combine(temp.Path, "cache");

        Assert.Null(PingPongTool.Build(source, cache, out string binary));
        var built = File.GetLastWriteTimeUtc(binary);
        Assert.Null(PingPongTool.Build(source, cache, out string again));
        Assert.Equal(binary, again);
        Assert.Equal(built, File.GetLastWriteTimeUtc(again));

        // a functional run, blocking and a fifth of a second: no figure is judged
        var (ok, stdout, error) = ToolProcess.RunClient(
            [binary, "--transport", "unix-stream", "--mode", "block", "--size", "64", "--duration", "0.2", "--warmup", "0"], null, TimeSpan.FromSeconds(20));
        Assert.True(ok, error);
        Assert.True(PingPongOutput.TryParse(stdout, out var figures, out string parseError), parseError);
        Assert.True(figures[ToolFigures.RttSamples] > 0);
        Assert.Contains("\"transport\":\"unix-stream\"", stdout, StringComparison.Ordinal);
    }

    [Fact(Timeout = 5_000)]
    public void CLoopRows_SpinSplit_AgainstTheLoop_BoundedAtP50()
    {
        var rows = CalibrationCatalog.All().Where(r => r.Tool == CalibrationReference.CLoop).ToList();
        Assert.Equal(["cloop-tcp4-pp-64B-split-spin", "cloop-udp4-pp-64B-split-spin", "cloop-unix-stream-pp-64B-split-spin"], rows.Select(r => r.Id));
        foreach (var row in rows)
        {
            Assert.True(CalibrationRunner.TryBuildCase(row, new CalibrationOptions(), out var c, out _, out string reason), reason);
            Assert.True(c.Spin);
            Assert.Equal(LoopBench.Core.Engines.PlacementKind.Split, c.Placement);
            Assert.True(row.ToolPinsItself);
            Assert.NotNull(row.Unavailable);
            Assert.Equal("≤ 1.10", row.Figures.Single(f => f.Figure == ToolFigures.RttP50Ns).Bound!.ToString());
            var args = row.Command!(new ToolContext(40000, 10, 1, ClientCpu: 2, ServerCpu: 3)).ClientArgs;
            Assert.Equal(["--mode", "spin"], args.SkipWhile(a => a != "--mode").Take(2));
            Assert.Equal(["--cpus", "2,3"], args.SkipWhile(a => a != "--cpus").Take(2));
        }
    }
}
