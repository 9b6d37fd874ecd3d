using LoopBench.Core.Results;
using LoopBench.Core.Safety;
using LoopBench.Core.Sandbox;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Running;

/// <summary>The child of a sandboxed case, once its namespace is set up (for progress and tests).</summary>
/// <param name="Pid">The child's pid (unshare execs the dotnet host, so it is the LoopBench process).</param>
/// <param name="NamespaceInode">Inode of its network namespace, as lsns prints it.</param>
/// <param name="TempDirectory">The parent-owned directory the child uses; deleted by the parent.</param>
internal sealed record SandboxChildInfo(int Pid, long NamespaceInode, string TempDirectory);

/// <summary>
/// Runs a case in a child LoopBench process inside its own network namespace:
/// <c>unshare --net -- dotnet loopbench.dll __case</c>, request on stdin, JSON lines back on stdout.
/// Never unshare() from .NET: a namespace belongs to a thread, and threads that exist stay on the
/// host. See docs/sandbox.md.
/// </summary>
internal sealed class SandboxedRunner
{
    /// <summary>Time a child gets to start its runtime and set up lo, beyond the case's own time. Defaults to 30 s.</summary>
    public TimeSpan StartupAllowance { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time a child gets per repetition beyond warm-up and window (connect, drain, read-back). Defaults to 15 s.</summary>
    public TimeSpan RepetitionAllowance { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a child has to report after SIGINT before it is killed. Defaults to 5 s.</summary>
    public TimeSpan InterruptGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Runner options handed to the child (kernel counters, capture directory). Defaults to the defaults.</summary>
    public RunnerOptions? ChildOptions { get; init; }

    private readonly SandboxChildCommand _child;
    private readonly Func<Capabilities> _capabilities;
    private readonly HostSysctlPaths _hostPaths;

    /// <summary>Creates a runner that starts <paramref name="child"/>; capabilities default to the cached probe.</summary>
    public SandboxedRunner(SandboxChildCommand child, Func<Capabilities>? capabilities = null, HostSysctlPaths? hostPaths = null)
    {
        _child = child ?? throw new ArgumentNullException(nameof(child));
        _capabilities = capabilities ?? (() => CapabilitiesProbe.Current);
        _hostPaths = hostPaths ?? HostSysctlPaths.Host;
    }

    /// <summary>Raised (on a reader thread) for each interval the child reports, with the repetition index.</summary>
    public event Action<Case, int, IntervalResult>? IntervalCompleted;

    /// <summary>Raised (on a reader thread) when the child's namespace is set up and verified.</summary>
    public event Action<SandboxChildInfo>? ChildReady;

    /// <summary>
    /// Runs <paramref name="candidate"/> with <paramref name="settings"/> in a fresh namespace. Never
    /// throws for a case that cannot run: skips and failures are outcomes with reasons.
    /// </summary>
    public SandboxedCaseResult RunCase(Case candidate, SandboxSettings settings, int repetitions = 1, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(settings);
        var c = candidate.Resolve();
        var errors = SandboxValidator.Validate(settings);
        if (errors.Count > 0)
        {
            return Finished(c, CaseOutcome.FailedSandbox, string.Join("; ", errors.Select(e => $"{e.Setting}: {e.Message}")), settings);
        }

        if (!_child.Isolate && settings.ChangesNamespace)
        {
            return Finished(c, CaseOutcome.FailedSandbox, "a child without a namespace of its own cannot change lo or per-namespace sysctls", settings);
        }

        if (_child.Isolate && SkipReason(c, settings, _capabilities()) is string skip)
        {
            return Finished(c, CaseOutcome.SkippedSandbox, skip, settings);
        }

        HostSysctls? host = null;
        try
        {
            host = settings.HostSysctls.Count > 0 ? HostSysctls.Apply(settings.HostSysctls, _hostPaths) : null;
            var result = RunChild(c, settings, repetitions, cancellation);
            return result with { HostSysctls = host?.Entries ?? [] };
        }
        catch (HostSysctlException ex)
        {
            return Finished(c, CaseOutcome.FailedSandbox, ex.Message, settings);
        }
        finally
        {
            host?.Dispose();
        }
    }

    /// <summary>
    /// Runs <paramref name="candidate"/> with its own <see cref="Case.Kernel"/> settings in one fresh
    /// namespace. Host sysctls are left to the caller (<see cref="CaseExecutor"/> holds them for the run).
    /// </summary>
    public CaseResult RunCase(Case candidate, int repetitions, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var settings = NamespaceOnly(candidate.Kernel);
        return RunCase(candidate, settings, repetitions, cancellation).ToCaseResult();
    }

    /// <summary>
    /// Runs repetition <paramref name="index"/> in a namespace of its own, so every repetition starts
    /// from the same fresh kernel state (the scheduler interleaves repetitions across cases).
    /// </summary>
    public RepetitionOutcome RunRepetition(Case candidate, int index, CancellationToken cancellation)
    {
        var result = RunCase(candidate, 1, cancellation);
        var repetition = result.Repetitions.Count > 0 ? result.Repetitions[0] with { Index = index } : null;
        return new RepetitionOutcome(repetition, result.Outcome, result.Reason);
    }

    /// <summary>Why this case cannot run sandboxed on this host, or null. The same probe <c>loopbench env</c> prints.</summary>
    public static string? SkipReason(Case resolved, SandboxSettings settings, Capabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(capabilities);
        if (!capabilities.CanCreateNetworkNamespace)
        {
            return capabilities.NamespaceError ?? "needs CAP_NET_ADMIN for unshare(CLONE_NEWNET)";
        }

        if (settings.Qdisc is QdiscSpec q
            && (capabilities.QdiscUnavailableReason(q.Kind) ?? (q.Kind == QdiscKind.Htb ? capabilities.QdiscUnavailableReason(q.Child ?? QdiscKind.Pfifo) : null)) is string qdisc)
        {
            return qdisc;
        }

        if (settings.Sysctls.TryGetValue("net.ipv4.tcp_congestion_control", out string? cc))
        {
            if (!capabilities.CongestionControlAvailable.Contains(cc.Trim(), StringComparer.Ordinal))
            {
                return $"congestion control '{cc.Trim()}' is not available on this kernel (available: {string.Join(' ', capabilities.CongestionControlAvailable)})";
            }

            // The kernel lets a non-initial namespace pick only an allowed algorithm as its default (EPERM otherwise).
            if (!capabilities.CongestionControlAllowed.Contains(cc.Trim(), StringComparer.Ordinal))
            {
                return $"a network namespace may only make an allowed algorithm its default (net.ipv4.tcp_allowed_congestion_control: {string.Join(' ', capabilities.CongestionControlAllowed)}); "
                    + $"use congestion: {cc.Trim()} (per socket) instead, or allow it on the host (host-sysctl net.ipv4.tcp_allowed_congestion_control, with --allow-host-sysctls)";
            }
        }

        // By the bind address, not the kind name, so udp6 (and any IPv6 transport to come) is covered.
        bool ipv6 = resolved.Transport.IsIp()
            && System.Net.IPAddress.TryParse(resolved.Bind ?? resolved.Transport.DefaultAddress(), out var bind)
            && bind.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        if (ipv6 && settings.EffectiveMtuBytes < SandboxSettings.MinIpv6MtuBytes)
        {
            return $"{resolved.Transport.ToId()} needs lo MTU ≥ {SandboxSettings.MinIpv6MtuBytes}: at {settings.EffectiveMtuBytes} the kernel removes ::1 from lo and does not restore it";
        }

        return null;
    }

    private SandboxedCaseResult RunChild(Case c, SandboxSettings settings, int repetitions, CancellationToken cancellation)
    {
        var temp = new DirectoryInfo(OwnedTempDirectory.Create(OwnedTempDirectory.SandboxPrefix)); // 0700, named with this pid
        SandboxChildProcess? child = null;
        try
        {
            var runCase = c.UnixDirectory is null && !c.Transport.IsIp() ? c with { UnixDirectory = temp.FullName } : c;
            var request = new SandboxChildRequest(runCase, settings with { HostSysctls = new SortedDictionary<string, string>() }, repetitions, EnvironmentProbe.RecordedSysctls, NetworkNamespace.InodeOf("self"))
            {
                Options = ChildOptions,
                Isolated = _child.Isolate,
            };
            child = SandboxChildProcess.Start(_child, c.Engine);
            child.Send(request);
            int pid = child.Pid;
            var limit = StartupAllowance + (TimeSpan.FromMilliseconds(c.WarmupMs + c.DurationMs) + RepetitionAllowance) * Math.Max(1, repetitions);
            var (result, report, killedFor) = child.Await(
                limit, InterruptGrace, cancellation,
                ready => ChildReady?.Invoke(new SandboxChildInfo(ready.Pid ?? pid, ready.NamespaceInode ?? 0, temp.FullName)),
                interval => IntervalCompleted?.Invoke(c, interval.Repetition ?? 0, interval.Sample!));
            if (result is not null && killedFor is null)
            {
                return new SandboxedCaseResult(result with { Case = c, Key = c.Key }, report, settings, []);
            }

            if (cancellation.IsCancellationRequested && killedFor is null)
            {
                return Finished(c, CaseOutcome.Interrupted, "interrupted before the child reported", settings);
            }

            string how = killedFor ?? $"exited with code {child.ExitCode} without a result";
            return Finished(c, CaseOutcome.FailedChild, $"the sandbox child (pid {pid}) {how}; stderr tail: {child.StderrTail}", settings);
        }
        finally
        {
            child?.Dispose();
            DeleteTemp(temp);
        }
    }

    private static SandboxedCaseResult Finished(Case c, CaseOutcome outcome, string reason, SandboxSettings settings) =>
        new(new CaseResult(c.Key, c, outcome, reason, []), null, settings, []);

    private static SandboxSettings NamespaceOnly(SandboxSettings? kernel) =>
        (kernel ?? SandboxSettings.None) with { HostSysctls = new SortedDictionary<string, string>(StringComparer.Ordinal), AllowHostSysctls = false };

    private static void DeleteTemp(DirectoryInfo temp)
    {
        for (int attempt = 0; attempt < 3 && Directory.Exists(temp.FullName); attempt++)
        {
            try
            {
                temp.Delete(recursive: true);
            }
            catch (IOException)
            {
                Thread.Sleep(50); // a socket file still being unlinked by the dying child
            }
        }
    }
}
