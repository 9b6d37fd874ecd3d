using LoopBench.Core.Measurement;
using LoopBench.Core.Results;

namespace LoopBench.Core.Calibration;

/// <summary>One side's repetition of a pair: LoopBench's (with its result) or the reference's figures, or why it failed.</summary>
/// <param name="Repetition">A LoopBench repetition, or null for a tool.</param>
/// <param name="Figures">The figures compared (a tool's parsed output, or a LoopBench repetition's metrics).</param>
/// <param name="FailureOutcome">The outcome when the side failed, else null.</param>
/// <param name="Failure">Why it failed, else null.</param>
internal sealed record SideRun(RepetitionResult? Repetition, IReadOnlyDictionary<string, double>? Figures, CaseOutcome? FailureOutcome, string? Failure)
{
    /// <summary>A failed side.</summary>
    public static SideRun Failed(CaseOutcome outcome, string reason) => new(null, null, outcome, reason);
}

/// <summary>What a row's pairs came to.</summary>
/// <param name="LoopBench">LoopBench's repetitions, every attempt's, in run order.</param>
/// <param name="ReferenceRepetitions">The reference's repetitions when it is LoopBench itself; empty for a tool.</param>
/// <param name="Pairs">Every pair run, disturbed ones marked.</param>
/// <param name="Clean">The pairs the estimate uses.</param>
/// <param name="FailureOutcome">The outcome of a side that failed (the row stops there), else null.</param>
/// <param name="Failure">Why, else null.</param>
internal sealed record PairLoopResult(
    IReadOnlyList<RepetitionResult> LoopBench,
    IReadOnlyList<RepetitionResult> ReferenceRepetitions,
    IReadOnlyList<CalibrationPairResult> Pairs,
    IReadOnlyList<MeasuredPair> Clean,
    CaseOutcome? FailureOutcome,
    string? Failure);

/// <summary>
/// Runs a row's pairs: LoopBench's repetition and the reference's back to back, which goes first
/// alternating from attempt to attempt so that drift cancels; the host's load is read around each
/// pair, and a disturbed pair (<see cref="QuietHostGate.IsDisturbed"/>) is kept but run again, up
/// to <c>extraAttempts</c> more attempts than the clean pairs requested.
/// </summary>
/// <param name="gate">Decides which pairs are disturbed.</param>
/// <param name="cpu">Reads the counters around each pair.</param>
internal sealed class PairLoop(QuietHostGate gate, ICpuSource cpu)
{
    /// <summary>Runs until <paramref name="requested"/> clean pairs, the attempt cap, a failure, or cancellation.</summary>
    /// <param name="requested">Clean pairs wanted.</param>
    /// <param name="extraAttempts">Attempts allowed beyond <paramref name="requested"/> for disturbed pairs.</param>
    /// <param name="loopBench">Runs LoopBench's repetition of attempt i.</param>
    /// <param name="reference">Runs the reference's repetition of attempt i.</param>
    /// <param name="testedPids">Processes other than this one that are under test (a tool's server).</param>
    /// <param name="progress">Receives one line per attempt, or null.</param>
    /// <param name="cancellation">Stops between sides.</param>
    public PairLoopResult Run(
        int requested,
        int extraAttempts,
        Func<int, SideRun> loopBench,
        Func<int, SideRun> reference,
        IReadOnlyList<int> testedPids,
        Action<string>? progress,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(loopBench);
        ArgumentNullException.ThrowIfNull(reference);
        var measured = new List<RepetitionResult>();
        var referenceReps = new List<RepetitionResult>();
        var pairs = new List<CalibrationPairResult>();
        var clean = new List<MeasuredPair>();
        for (int attempt = 0; clean.Count < requested && attempt < requested + extraAttempts; attempt++)
        {
            if (cancellation.IsCancellationRequested)
            {
                break;
            }

            progress?.Invoke($"pair {clean.Count + 1}/{requested}" + (attempt > clean.Count ? $" (attempt {attempt + 1})" : string.Empty));
            bool loopBenchFirst = attempt % 2 == 0;
            var before = cpu.Read(testedPids);
            SideRun first = loopBenchFirst ? loopBench(attempt) : reference(attempt);
            SideRun? second = first.FailureOutcome is null && !cancellation.IsCancellationRequested
                ? (loopBenchFirst ? reference(attempt) : loopBench(attempt))
                : null;
            var load = QuietHostGate.Measure(before, cpu.Read(testedPids));
            var (lb, rf) = loopBenchFirst ? (first, second) : (second, first);
            if (lb?.Repetition is not null)
            {
                measured.Add(lb.Repetition);
            }

            if (rf?.Repetition is not null)
            {
                referenceReps.Add(rf.Repetition);
            }

            var failed = first.FailureOutcome is not null ? first : second?.FailureOutcome is not null ? second : null;
            if (failed is not null || lb is null || rf is null)
            {
                return new PairLoopResult(measured, referenceReps, pairs, clean, failed?.FailureOutcome, failed?.Failure);
            }

            bool disturbed = gate.IsDisturbed(load);
            pairs.Add(new CalibrationPairResult(attempt, loopBenchFirst, measured.Count - 1, rf.Figures!, load, disturbed));
            if (!disturbed)
            {
                clean.Add(new MeasuredPair(lb.Repetition!, rf.Figures!));
            }
        }

        return new PairLoopResult(measured, referenceReps, pairs, clean, null, null);
    }
}
