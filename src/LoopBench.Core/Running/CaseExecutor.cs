using System.Diagnostics.CodeAnalysis;
using LoopBench.Core.Results;
using LoopBench.Core.Sandbox;
using LoopBench.Core.Scenarios;

namespace LoopBench.Core.Running;

/// <summary>
/// Where each case runs: <see cref="SandboxMode.Netns"/> cases in a child inside a fresh network
/// namespace (<see cref="SandboxedRunner"/>), host cases in this process (<see cref="Runner"/>) after
/// emptying the kernel's TCP metrics cache so repetitions start equal. Host-wide sysctls are held
/// for the run by one <see cref="HostSysctlSession"/> and restored on <see cref="Dispose"/>.
/// </summary>
/// <param name="runner">Measures host cases.</param>
/// <param name="sandboxed">Measures netns cases; null makes them skipped with the reason.</param>
/// <param name="hostPaths">/proc/sys and /run roots for host sysctls (tests use a fake tree).</param>
internal sealed class CaseExecutor(Runner runner, SandboxedRunner? sandboxed, HostSysctlPaths? hostPaths = null) : IRepetitionSource, IDisposable
{
    private readonly HostSysctlSession _host = new(hostPaths);

    /// <summary>
    /// Runs host cases whose engine needs a process of its own (async-inline, unless this process
    /// already has inline completions): a child without a namespace. Null: such cases fail with the reason.
    /// </summary>
    public SandboxedRunner? HostChild { get; init; }

    /// <summary>Runs repetition <paramref name="index"/> where the case belongs.</summary>
    public RepetitionOutcome Run(Case candidate, int index, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var c = candidate.Resolve();
        if (!TryHost(c, out var hostSysctls, out string? error))
        {
            return new RepetitionOutcome(null, CaseOutcome.FailedSandbox, error);
        }

        string? flush = null;
        RepetitionOutcome outcome;
        if (c.Sandbox == SandboxMode.Netns)
        {
            outcome = sandboxed?.RunRepetition(c, index, cancellation) ?? NoSandbox();
        }
        else
        {
            flush = TcpMetrics.Flush();
            outcome = InChild(c, out var child) ? child.RunRepetition(c, index, cancellation) : runner.RunRepetition(c, index, cancellation);
        }

        return outcome with { Result = outcome.Result is { } r ? Decorate(r, hostSysctls, flush) : null };
    }

    /// <summary>Runs all repetitions of one case (quick): a netns case in one child, a host case in this process.</summary>
    public CaseResult RunCase(Case candidate, int repetitions, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var c = candidate.Resolve();
        if (!TryHost(c, out var hostSysctls, out string? error))
        {
            return new CaseResult(c.Key, c, CaseOutcome.FailedSandbox, error, []);
        }

        string? flush = null;
        CaseResult result;
        if (c.Sandbox == SandboxMode.Netns)
        {
            result = sandboxed?.RunCase(c, repetitions, cancellation) ?? new CaseResult(c.Key, c, NoSandbox().Outcome, NoSandbox().Reason, []);
        }
        else
        {
            flush = TcpMetrics.Flush();
            result = InChild(c, out var child) ? child.RunCase(c, repetitions, cancellation) : runner.RunCase(c, repetitions, cancellation);
        }

        return result with { Repetitions = result.Repetitions.Select(r => Decorate(r, hostSysctls, flush)).ToList() };
    }

    /// <summary>Restores the host sysctls.</summary>
    public void Dispose() => _host.Dispose();

    private bool TryHost(Case c, out IReadOnlyList<SysctlJournalEntry>? entries, out string? error)
    {
        try
        {
            entries = _host.Ensure(c.Kernel?.HostSysctls);
            error = null;
            return true;
        }
        catch (HostSysctlException ex)
        {
            entries = null;
            error = ex.Message;
            return false;
        }
    }

    /// <summary>True when a host case needs a process of its own (an engine whose runtime switch this process lacks) and one can be started.</summary>
    private bool InChild(Case c, [NotNullWhen(true)] out SandboxedRunner? child)
    {
        child = HostChild;
        return child is not null && Engines.InlineCompletions.MissingReason(c.Engine) is not null;
    }

    private static RepetitionResult Decorate(RepetitionResult r, IReadOnlyList<SysctlJournalEntry>? hostSysctls, string? flush) =>
        r with { HostSysctls = hostSysctls, Notes = Note(r.Notes, flush) };

    private static RepetitionOutcome NoSandbox() =>
        new(null, CaseOutcome.SkippedSandbox, "this command was started without a sandbox child (internal error: no SandboxedRunner)");

    private static IReadOnlyList<string>? Note(IReadOnlyList<string>? notes, string? note) =>
        note is null ? notes : [.. notes ?? [], note];
}
