using System.Diagnostics;

namespace LoopBench.Tests.Hardening;

/// <summary>
/// Feeds mutated inputs to a reader: each must succeed or throw the one expected error type, within
/// a time and allocation budget far above what a sane input needs (a hang or a size taken from the
/// input shows up as a miss by orders of magnitude, not by a margin).
/// </summary>
internal static class FuzzHarness
{
    public static readonly TimeSpan PerInputBudget = TimeSpan.FromSeconds(2);

    public const long PerInputAllocationBudget = 256L << 20;

    /// <summary>Runs every input through <paramref name="read"/>; returns the failures, each with the input's index.</summary>
    public static List<string> Run<TExpected>(IReadOnlyList<string> inputs, Action<string> read)
        where TExpected : Exception
    {
        var failures = new List<string>();
        for (int i = 0; i < inputs.Count; i++)
        {
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            long started = Stopwatch.GetTimestamp();
            try
            {
                read(inputs[i]);
            }
            catch (TExpected ex) when (!string.IsNullOrWhiteSpace(ex.Message))
            {
                // the clear error the reader promises
            }
            catch (Exception ex)
            {
                failures.Add($"input {i}: {ex.GetType().Name}: {ex.Message.Split('\n')[0]} at {ex.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}");
            }

            var took = Stopwatch.GetElapsedTime(started);
            long bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
            if (took > PerInputBudget || bytes > PerInputAllocationBudget)
            {
                failures.Add($"input {i}: took {took.TotalMilliseconds:0} ms and allocated {bytes >> 20} MiB");
            }
        }

        return failures;
    }
}
