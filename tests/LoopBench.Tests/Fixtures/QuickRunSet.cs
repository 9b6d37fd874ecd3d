using LoopBench.Core.Results;

namespace LoopBench.Tests.Fixtures;

/// <summary>
/// Stand-in for `loopbench run` until it lands: each repetition is a separate `loopbench quick --json`
/// run (so drift between runs is included), and the runs are combined into one multi-repetition run.
/// </summary>
internal static class QuickRunSet
{
    /// <summary>Runs quick once with <paramref name="args"/> and returns its document.</summary>
    public static RunResult Quick(params string[] args)
    {
        var (code, stdout, stderr) = CliHarness.Run(["quick", .. args, "--json", "-i", "0"]);
        Assert.True(code == 0, $"quick {string.Join(' ', args)} exited {code}: {stderr}");
        return RunFileReader.Parse(stdout, "quick --json");
    }

    /// <summary>One run holding every repetition of <paramref name="runs"/>, grouped by case key, renumbered.</summary>
    public static RunResult Combine(string runId, IReadOnlyList<RunResult> runs)
    {
        var cases = runs.SelectMany(r => r.Cases).GroupBy(c => c.Key, StringComparer.Ordinal).Select(g =>
        {
            var first = g.First();
            var repetitions = g.SelectMany(c => c.Repetitions).Select((r, i) => r with { Index = i }).ToList();
            return first with { Repetitions = repetitions };
        }).ToList();
        return runs[0] with { RunId = runId, Cases = cases };
    }
}
