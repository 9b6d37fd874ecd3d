using LoopBench.Core.Running;
using LoopBench.Core.Sandbox;
using LoopBench.Core.Scenarios;

namespace LoopBench.Cli.Commands;

/// <summary>What run and quick share: preparing cases for the sandbox, and the executor that routes each case.</summary>
internal static class Executors
{
    /// <summary>An executor whose netns cases start this CLI's own assembly as the sandbox child.</summary>
    public static CaseExecutor Create(RunnerOptions options, Action<Case, int, Core.Results.IntervalResult>? onInterval = null)
    {
        var command = SandboxChildCommand.ForAssembly(typeof(Program).Assembly.Location);
        options = options with { ServerChild = command with { Isolate = false } };
        var runner = new Runner(options);
        var sandboxed = new SandboxedRunner(command) { ChildOptions = options };
        var hostChild = new SandboxedRunner(command with { Isolate = false }) { ChildOptions = options };
        if (onInterval is not null)
        {
            runner.IntervalCompleted += onInterval;
            sandboxed.IntervalCompleted += onInterval;
            hostChild.IntervalCompleted += onInterval;
        }

        return new CaseExecutor(runner, sandboxed) { HostChild = hostChild };
    }

    /// <summary>
    /// Splits host-wide sysctls out of the cases (found by trying in a throwaway namespace), applies
    /// --allow-host-sysctls, and validates again; every problem is a usage error (exit 2).
    /// </summary>
    public static IReadOnlyList<Case> Prepare(IReadOnlyList<Case> cases, bool allowHostSysctls, Func<CaseError, string> describe)
    {
        IReadOnlyList<Case> prepared;
        try
        {
            prepared = SandboxPlan.Prepare(cases, allowHostSysctls);
        }
        catch (ParameterException ex)
        {
            throw new UsageException(ex.Message);
        }

        var errors = prepared.SelectMany(c => CaseValidator.Validate(c).Select(describe)).Distinct(StringComparer.Ordinal).ToList();
        return errors.Count == 0 ? prepared : throw new UsageException(string.Join(Environment.NewLine + "loopbench: ", errors));
    }
}
