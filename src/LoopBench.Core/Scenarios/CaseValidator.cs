namespace LoopBench.Core.Scenarios;

/// <summary>A problem with one parameter of a case.</summary>
/// <param name="Parameter">The parameter's name, e.g. "time".</param>
/// <param name="Message">What is wrong and what is valid.</param>
internal sealed record CaseError(string Parameter, string Message);

/// <summary>
/// Checks a case before anything is opened: ranges, addresses (loopback only), placement, the
/// pattern's options, message sizes, socket knobs, sandbox, processes, receive spin, spin, timestamps and batching.
/// Returns every problem at once, in that order.
/// </summary>
internal static class CaseValidator
{
    /// <summary>All problems of <paramref name="candidate"/>; empty when it can run.</summary>
    public static IReadOnlyList<CaseError> Validate(Case candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var errors = new List<CaseError>();
        var c = candidate.Resolve();
        CaseRangeRules.Check(c, errors);
        CaseAddressRules.CheckBind(candidate, c, errors);
        CasePlacementRules.Check(candidate, errors);
        CasePatternRules.Check(candidate, c, errors);
        CaseAddressRules.CheckEndpoints(candidate, c, errors);
        CaseMessageSizeRules.Check(c, errors);
        CaseKnobRules.Check(c, errors);
        CaseSandboxRules.Check(c, errors);
        CaseProcessesRules.Check(c, errors);
        CaseReceiveSpinRules.Check(candidate, c, errors);
        CaseTimestampRules.Check(c, errors);
        CaseSpinRules.Check(c, errors);
        CaseBatchRules.Check(c, errors);
        return errors;
    }
}
