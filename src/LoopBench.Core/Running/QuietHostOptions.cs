using System.Globalization;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;

namespace LoopBench.Core.Running;

/// <summary>
/// <c>loopbench run --quiet-host</c>: before each repetition, wait (in short windows, up to a
/// maximum) until the CPU used outside LoopBench is under the gate's threshold; then record the
/// load measured while the repetition ran.
/// </summary>
/// <param name="Gate">The threshold and the arithmetic.</param>
/// <param name="Cpu">Where the counters come from (/proc on a real host).</param>
internal sealed record QuietHostOptions(QuietHostGate Gate, ICpuSource Cpu)
{
    /// <summary>One sampling window while waiting. Defaults to <see cref="QuietHostGate.DefaultWindow"/> (400 ms).</summary>
    public TimeSpan Window { get; init; } = QuietHostGate.DefaultWindow;

    /// <summary>The longest wait before a repetition runs anyway. Defaults to <see cref="QuietHostGate.DefaultMaxWait"/> (30 s).</summary>
    public TimeSpan MaxWait { get; init; } = QuietHostGate.DefaultMaxWait;

    /// <summary>How a window is waited out. Defaults to <see cref="Thread.Sleep(TimeSpan)"/>; tests pass a no-op.</summary>
    public Action<TimeSpan> Sleep { get; init; } = Thread.Sleep;

    /// <summary>Waits for a quiet host; only this process counts as under test.</summary>
    public QuietWait WaitForQuiet(CancellationToken cancellation) => Gate.WaitForQuiet(Cpu, [], Window, MaxWait, Sleep, cancellation);

    /// <summary><paramref name="result"/> with the gate's record, and a note when the host never got quiet.</summary>
    public RepetitionResult Attach(RepetitionResult result, QuietWait wait, CpuSnapshot before, CpuSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(wait);
        var during = QuietHostGate.Measure(before, after);
        var notes = result.Notes ?? [];
        if (!wait.IsQuiet)
        {
            notes = [.. notes, string.Create(CultureInfo.InvariantCulture,
                $"the host was not quiet after {wait.WaitedMs / 1000.0:0.#} s (outside load {wait.Last.OutsidePercentOfOneCpu:0.#}%, steal {wait.Last.StealPercentOfOneCpu:0.#}% of one CPU); measured anyway")];
        }

        return result with
        {
            QuietHost = new QuietHostResult(during, Gate.IsDisturbed(during), Gate.ThresholdPercentOfOneCpu, wait.WaitedMs, wait.IsQuiet),
            Notes = notes.Count == 0 ? null : notes,
        };
    }
}
