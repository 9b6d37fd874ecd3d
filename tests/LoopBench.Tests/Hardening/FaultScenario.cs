using LoopBench.Core.Results;

namespace LoopBench.Tests.Hardening;

/// <summary>A scenario of many short repetitions, so run.json is rewritten every fraction of a second.</summary>
internal static class FaultScenario
{
    public static string Write(string directory, int repetitions = 40, string transports = "tcp4, unix-stream")
    {
        string path = Path.Combine(directory, "fault.yaml");
        File.WriteAllText(path, $"""
            name: fault
            description: many short repetitions for the fault tests
            repetitions: {repetitions}
            defaults:
              time: 100ms
              warmup: 20ms
              interval: 50ms
            matrix:
              transport: [{transports}]
              pattern: [rr]
            """);
        return path;
    }

    /// <summary>The one run directory under <paramref name="results"/>, or null before it exists.</summary>
    public static string? RunDirectory(string results) =>
        Directory.Exists(results) ? Directory.GetDirectories(results).SingleOrDefault(d => !Path.GetFileName(d).StartsWith('.')) : null;

    /// <summary>Waits until run.json holds at least <paramref name="repetitions"/> repetitions (the child is measuring and rewriting it).</summary>
    public static bool WaitForRepetitions(string results, int repetitions, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (RunDirectory(results) is string dir && File.Exists(Path.Combine(dir, ResultStore.RunFile)))
            {
                try
                {
                    var run = RunFileReader.Read(dir);
                    if (run.Cases.Sum(c => c.Repetitions.Count) >= repetitions)
                    {
                        return true;
                    }
                }
                catch (RunFileException)
                {
                    // never expected (atomic writes); the test reading it afterwards says so
                }
            }

            Thread.Sleep(20);
        }

        return false;
    }
}
