namespace LoopBench.Core.Comparison;

/// <summary>Input a comparison cannot use: a bad threshold, no common case, a refused environment. Exit code 2.</summary>
internal sealed class ComparisonInputException : Exception
{
    /// <summary>Creates the exception with an actionable message.</summary>
    public ComparisonInputException(string message)
        : base(message)
    {
    }
}
