using LoopBench.Tests.Fixtures;
using LoopBench.Tests.Plotting;

namespace LoopBench.Tests.Hardening;

/// <summary>
/// Files a verb publishes (compare --output, report --out, export --output) replace the old file
/// by rename, as run.json does: a reader that opened the old file keeps reading it whole, the new
/// file appears complete, and no temporary is left beside it.
/// </summary>
public sealed class AtomicOutputTests : IDisposable
{
    private const string OldContent = "the previous file, still open in a reader\n";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory(Timeout = 60_000)]
    [InlineData("compare", "table")]
    [InlineData("compare", "markdown")]
    [InlineData("compare", "json")]
    [InlineData("compare", "junit")]
    [InlineData("report", "")]
    [InlineData("export", "openmetrics")]
    public void Output_ReplacesTheOldFileByRename_NeverInPlace(string verb, string format)
    {
        string baseline = SyntheticRuns.Write(_dir.Path, PlotFixtures.SizeSweep("20261123T100000Z-aaaa"));
        string candidate = SyntheticRuns.Write(_dir.Path, PlotFixtures.SizeSweep("20261123T110000Z-bbbb", factor: 1.01));
        string outputDir = Path.Combine(_dir.Path, "out");
        Directory.CreateDirectory(outputDir);
        string output = Path.Combine(outputDir, "published");
        File.WriteAllText(output, OldContent);
        string[] args = verb switch
        {
            "compare" => ["compare", baseline, candidate, "--format", format, "--output", output],
            "report" => ["report", candidate, "--compare", baseline, "--out", output],
            _ => ["export", candidate, "--format", format, "--output", output],
        };

        // A reader (a browser, a CI upload, Prometheus' textfile collector) that opened the old file.
        using var reader = new FileStream(output, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var (code, _, stderr) = CliHarness.Run(args);

        Assert.True(code is 0 or 3 or 4, $"exit {code}: {stderr}");
        using (var text = new StreamReader(reader))
        {
            Assert.Equal(OldContent, text.ReadToEnd()); // written in place, the reader would see the new bytes
        }

        string published = File.ReadAllText(output);
        Assert.NotEqual(OldContent, published);
        Assert.NotEmpty(published);
        Assert.Equal(["published"], Directory.EnumerateFileSystemEntries(outputDir).Select(Path.GetFileName));
    }
}
