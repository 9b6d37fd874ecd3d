namespace LoopBench.Core.Comparison;

/// <summary>What a comparison concludes for one case and metric.</summary>
internal enum Verdict
{
    /// <summary>The interval rules out a change beyond the threshold, or the change is real but smaller.</summary>
    [Id("no-change")]
    NoChange,

    /// <summary>Significantly better by more than the threshold.</summary>
    [Id("improvement")]
    Improvement,

    /// <summary>Significantly worse by more than the threshold (or the candidate case failed).</summary>
    [Id("regression")]
    Regression,

    /// <summary>The data cannot tell: too few repetitions, or an interval wider than the threshold.</summary>
    [Id("inconclusive")]
    Inconclusive,
}

/// <summary>How the per-test error rate is controlled across a report.</summary>
internal enum ErrorControl
{
    /// <summary>Each test at α (default 1e-3): 50 tests give a false alarm in at most 5% of A/A runs.</summary>
    [Id("per-test")]
    PerTest,

    /// <summary>Holm's step-down correction: α is the family-wise rate over every test in the report.</summary>
    [Id("holm")]
    Holm,
}
