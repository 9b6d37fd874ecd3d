using LoopBench.Core.Engines;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Scenarios;

/// <summary><c>processes</c>: which cases can run their server end in a child process.</summary>
internal static class CaseProcessesRules
{
    /// <summary>What <c>processes: 2</c> supports, as error messages say it.</summary>
    public const string ChildServerSupport =
        "stream, reverse and rr over tcp4, tcp6 or unix-stream, with the blocking or async engine, one flow (-P 1), on the host (sandbox host), timed (no -n/-k), "
        + "with socket knobs (each end's set in its own process) but without zerocopy or skip-copy";

    /// <summary>
    /// Why <paramref name="resolved"/> cannot run with <see cref="Case.Processes"/> = 2, or null when it
    /// can (or runs in one process). The runner asks too, so a case built in code is refused the same way.
    /// </summary>
    public static string? Refusal(Case resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        if (resolved.Processes == 1)
        {
            return null;
        }

        if (resolved.Processes != 2)
        {
            return $"{resolved.Processes} is out of range; use 1 (both ends in this process) or 2 (the server end in a child process)";
        }

        var unsupported = new List<string>();
        if (resolved.Transport is not (TransportKind.Tcp4 or TransportKind.Tcp6 or TransportKind.UnixStream))
        {
            unsupported.Add(resolved.Transport.ToId());
        }

        if (!resolved.Pattern.Traits().SplitsAcrossProcesses)
        {
            unsupported.Add(resolved.Pattern.ToId());
        }

        if (resolved.Engine is not (EngineKind.Blocking or EngineKind.Async))
        {
            unsupported.Add($"engine {resolved.Engine.ToId()}");
        }

        if (resolved.Parallel != 1)
        {
            unsupported.Add($"-P {resolved.Parallel}");
        }

        if (resolved.Sandbox == SandboxMode.Netns)
        {
            unsupported.Add("sandbox netns");
        }

        if (resolved.ByteLimit is not null || resolved.TransactionLimit is not null)
        {
            unsupported.Add("a count-based run (-n/-k)");
        }

        // The copy modes change the workload's send or receive loop, and their evidence is counted
        // there; the child does not report them yet. Socket knobs are set by each end's process.
        if (resolved.ZeroCopy)
        {
            unsupported.Add("zerocopy");
        }

        if (resolved.SkipCopy)
        {
            unsupported.Add("skip-copy");
        }

        return unsupported.Count == 0
            ? null
            : $"processes 2 does not support {string.Join(", ", unsupported)}; it supports {ChildServerSupport}. Use processes 1 for this case";
    }

    public static void Check(Case resolved, List<CaseError> errors)
    {
        if (Refusal(resolved) is string refusal)
        {
            errors.Add(new("processes", refusal));
        }
    }
}
