using LoopBench.Core.Results;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Tests.Fixtures;

/// <summary>Builds run documents from raw figures, for comparison, export and history tests.</summary>
internal static class SyntheticRuns
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static EnvironmentInfo Environment(string kernel = "6.1.0-test", string cpu = "Test CPU @ 2.0GHz", int cores = 2) =>
        new("bench-1", kernel, "Debian 12", cpu, cores, [0, 1], 4L << 30, ".NET 10.0.0", false, false, "cubic", ["reno", "cubic"],
            65536, 1000, new SortedDictionary<string, string>(StringComparer.Ordinal) { ["net.core.rmem_max"] = "212992" });

    /// <summary>The i-th of a family of distinct stream cases (different message sizes).</summary>
    public static Case StreamCase(int i) =>
        new Case { MessageBytes = 1024 * (i + 1), DurationMs = 2000, WarmupMs = 500 }.Resolve();

    public static Case RrCase(int i) =>
        new Case { Transport = TransportKind.UnixStream, Pattern = PatternKind.Rr, MessageBytes = 64 * (i + 1), DurationMs = 2000, WarmupMs = 500 }.Resolve();

    /// <summary>A case whose repetitions carry the given figures: metric → one value per repetition.</summary>
    public static CaseResult Case(Case c, IReadOnlyDictionary<string, double[]> metrics, CaseOutcome outcome = CaseOutcome.Passed, string? reason = null)
    {
        int reps = metrics.Values.Select(v => v.Length).DefaultIfEmpty(0).Max();
        var repetitions = Enumerable.Range(0, reps).Select(i =>
        {
            var figures = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var (id, values) in metrics)
            {
                if (i < values.Length)
                {
                    figures[id] = values[i];
                }
            }

            return new RepetitionResult(i, T0.AddSeconds(3 * i), false, 2_000_000_000, figures, null, null, [], null, []);
        }).ToList();
        return new CaseResult(c.Key, c, outcome, reason, repetitions);
    }

    public static RunResult Run(string runId, IReadOnlyList<CaseResult> cases, EnvironmentInfo? environment = null, int schema = RunResult.CurrentSchemaVersion) =>
        new(schema, runId, new ToolInfo("loopbench", "0.1.0"), environment ?? Environment(), cases);

    /// <summary>Lognormal noise around <paramref name="median"/> with CV about <paramref name="sigma"/>; with probability <paramref name="outlierRate"/> a repetition is hit by a hiccup of factor <paramref name="outlierFactor"/>.</summary>
    public static double[] Noisy(Random random, int n, double median, double sigma, double outlierRate = 0, double outlierFactor = 1)
    {
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            double z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            values[i] = median * Math.Exp(sigma * z) * (random.NextDouble() < outlierRate ? outlierFactor : 1);
        }

        return values;
    }

    /// <summary>Writes <paramref name="run"/> as run.json in a fresh directory under <paramref name="root"/>; returns the file.</summary>
    public static string Write(string root, RunResult run)
    {
        string dir = Path.Combine(root, run.RunId);
        Directory.CreateDirectory(dir);
        string file = Path.Combine(dir, RunFileReader.RunFileName);
        File.WriteAllText(file, ResultJson.Serialize(run));
        return file;
    }
}
