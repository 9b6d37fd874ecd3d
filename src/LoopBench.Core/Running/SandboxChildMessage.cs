using System.Text.Json;
using LoopBench.Core.Results;
using LoopBench.Core.Sandbox;
using LoopBench.Core.Scenarios;

namespace LoopBench.Core.Running;

/// <summary>What the parent writes on the child's stdin: one JSON line. The pipe then stays open; EOF means "parent gone".</summary>
/// <param name="Case">The resolved case.</param>
/// <param name="Settings">Per-namespace settings (host sysctls are the parent's business).</param>
/// <param name="Repetitions">Repetitions to run.</param>
/// <param name="RecordSysctls">Sysctls to record from inside the namespace, besides the ones set.</param>
/// <param name="HostNamespaceInode">The parent's network namespace: the child refuses to change anything while it is still in it.</param>
internal sealed record SandboxChildRequest(Case Case, SandboxSettings Settings, int Repetitions, IReadOnlyList<string> RecordSysctls, long HostNamespaceInode)
{
    /// <summary>The parent's runner options (kernel counters on or off, capture directory); null: the defaults.</summary>
    public RunnerOptions? Options { get; init; }

    /// <summary>False: the child runs in the host's namespace (a plain child process) and must apply nothing. Defaults to true.</summary>
    public bool Isolated { get; init; } = true;
}

/// <summary>
/// One JSON line the child writes on stdout: "ready" (settings applied and read back), "interval"
/// (live progress), "result" (last; the case result and the namespace report).
/// </summary>
internal sealed record SandboxChildMessage
{
    /// <summary>Settings applied; the case is about to run.</summary>
    public const string Ready = "ready";

    /// <summary>An interval sample.</summary>
    public const string Interval = "interval";

    /// <summary>The final result.</summary>
    public const string Result = "result";

    /// <summary>Serializer options: the result options on one line per message.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(ResultJson.Options) { WriteIndented = false };

    /// <summary>ready, interval or result.</summary>
    public required string Kind { get; init; }

    /// <summary>ready: the child's pid.</summary>
    public int? Pid { get; init; }

    /// <summary>ready: inode of the child's network namespace.</summary>
    public long? NamespaceInode { get; init; }

    /// <summary>interval: repetition index.</summary>
    public int? Repetition { get; init; }

    /// <summary>interval: the sample.</summary>
    public IntervalResult? Sample { get; init; }

    /// <summary>result: the case result.</summary>
    public CaseResult? CaseResult { get; init; }

    /// <summary>result: the namespace report.</summary>
    public SandboxReport? Sandbox { get; init; }
}
