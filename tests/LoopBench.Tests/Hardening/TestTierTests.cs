using System.Text.RegularExpressions;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Hardening;

/// <summary>
/// The fast tier (no Category trait) stays pure logic: a test file that measures real traffic or
/// starts a LoopBench child process declares its tier, so the fast-tier filter leaves it out.
/// </summary>
public sealed partial class TestTierTests
{
    [Fact(Timeout = 30_000)]
    public void TestFilesThatOpenSocketsOrStartProcesses_DeclareATier()
    {
        string root = RepoFiles.PathOf("tests", "LoopBench.Tests");
        string fixtures = Path.Combine(root, "Fixtures") + Path.DirectorySeparatorChar;
        var untiered = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(fixtures, StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => RealWork().IsMatch(File.ReadAllText(f)) && !File.ReadAllText(f).Contains("Trait(Traits.Category", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(untiered.Count == 0, "no [Trait(Traits.Category, ...)] though they measure real traffic or start a process: " + string.Join(", ", untiered));
    }

    /// <summary>A real case (the runner, a quick run set), a loopback pair, or a LoopBench child process.</summary>
    [GeneratedRegex(@"new Runner\(|QuickRunSet\.|LoopbackPairs\.|CliProcess\.Start")]
    private static partial Regex RealWork();
}
