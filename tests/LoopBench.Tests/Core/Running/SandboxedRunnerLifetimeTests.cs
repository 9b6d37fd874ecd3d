using System.Diagnostics;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Sandbox;
using LoopBench.Core.Scenarios;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Running;

/// <summary>Children that die, hang or lose their parent leave nothing behind.</summary>
[Trait(Traits.Category, Traits.Sandbox)]
[Collection(SandboxCollection.Name)]
public sealed class SandboxedRunnerLifetimeTests
{
    private static readonly Case Long = new() { DurationMs = 30_000, WarmupMs = 100, IntervalMs = 100 };

    [Fact(Timeout = 60_000)]
    public void SigKilledChild_LeavesNoNamespaceAndNoTempDirectory()
    {
        SandboxRequirement.Namespaces();
        SandboxChildInfo? child = null;
        bool listedWhileAlive = false;
        var runner = new SandboxedRunner(SandboxRequirement.Child());
        runner.ChildReady += info =>
        {
            child = info;
            listedWhileAlive = NetworkNamespace.ListInodes().Contains(info.NamespaceInode) && Directory.Exists(info.TempDirectory);
            Process.GetProcessById(info.Pid).Kill(); // SIGKILL
        };

        var run = runner.RunCase(Long, new SandboxSettings { LoMtuBytes = 9000 }, 1, TestContext.Current.CancellationToken);

        Assert.NotNull(child);
        Assert.True(listedWhileAlive, "the child's namespace was not listed by lsns while it ran");
        Assert.Equal(CaseOutcome.FailedChild, run.Result.Outcome);
        Assert.Contains("signal 9", run.Result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(child.NamespaceInode, NetworkNamespace.ListInodes());
        Assert.False(Directory.Exists(child.TempDirectory), child.TempDirectory);
    }

    [Fact(Timeout = 30_000)]
    public void CrashingChild_FailsTheCaseWithTheTailOfItsStderr()
    {
        SandboxRequirement.Namespaces();
        var crashing = new SandboxChildCommand("sh", ["-c", "echo 'Unhandled exception: boom' >&2; exit 3", "sh"]);
        var run = new SandboxedRunner(crashing).RunCase(Long, SandboxSettings.None, 1, TestContext.Current.CancellationToken);
        Assert.Equal(CaseOutcome.FailedChild, run.Result.Outcome);
        Assert.Contains("exited with code 3 without a result", run.Result.Reason, StringComparison.Ordinal);
        Assert.Contains("Unhandled exception: boom", run.Result.Reason, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public void HungChild_IsKilledAtTheDeadline()
    {
        SandboxRequirement.Namespaces();
        var hung = new SandboxChildCommand("sh", ["-c", "echo starting >&2; exec sleep 600", "sh"]);
        var runner = new SandboxedRunner(hung) { StartupAllowance = TimeSpan.FromSeconds(1), RepetitionAllowance = TimeSpan.Zero };
        var watch = Stopwatch.StartNew();
        var run = runner.RunCase(new Case { DurationMs = 300, WarmupMs = 100 }, SandboxSettings.None, 1, TestContext.Current.CancellationToken);
        Assert.Equal(CaseOutcome.FailedChild, run.Result.Outcome);
        Assert.Contains("did not finish within", run.Result.Reason, StringComparison.Ordinal);
        Assert.Contains("starting", run.Result.Reason, StringComparison.Ordinal);
        Assert.InRange(watch.Elapsed.TotalSeconds, 1, 15);
    }

    [Fact(Timeout = 60_000)]
    public void Cancellation_InterruptsTheChild_WhichReportsWhatItMeasured()
    {
        SandboxRequirement.Namespaces();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var runner = new SandboxedRunner(SandboxRequirement.Child());
        runner.IntervalCompleted += (_, _, _) => cts.Cancel(); // Ctrl-C after the first interval
        var run = runner.RunCase(Long, SandboxSettings.None, 1, cts.Token);
        Assert.Equal(CaseOutcome.Interrupted, run.Result.Outcome);
        Assert.True(Assert.Single(run.Result.Repetitions).ElapsedNs < 10_000_000_000L);
    }

    [Fact(Timeout = 60_000)]
    public void Cancellation_ReachesAChildThatInheritedSigintIgnored()
    {
        SandboxRequirement.Namespaces();
        var plain = SandboxRequirement.Child();
        var ignoring = new SandboxChildCommand("sh", ["-c", "trap '' INT; exec \"$@\"", "sh", plain.Executable, .. plain.Prefix]); // as under nohup or a script's '&'
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var runner = new SandboxedRunner(ignoring) { InterruptGrace = TimeSpan.FromSeconds(10) };
        var watch = Stopwatch.StartNew();
        TimeSpan? cancelledAt = null;
        runner.IntervalCompleted += (_, _, _) =>
        {
            cancelledAt ??= watch.Elapsed;
            cts.Cancel();
        };
        var run = runner.RunCase(Long, SandboxSettings.None, 1, cts.Token);
        var stopping = watch.Elapsed - cancelledAt!.Value;
        Assert.True(stopping < TimeSpan.FromSeconds(8), $"{stopping}: the child sat out the grace period, so SIGINT did not reach it");
        Assert.Equal(CaseOutcome.Interrupted, run.Result.Outcome);
        Assert.Single(run.Result.Repetitions);
    }

    [Fact(Timeout = 60_000)]
    public void Child_ExitsWhenItsStdinReachesEof()
    {
        SandboxRequirement.Namespaces();
        var argv = SandboxRequirement.Child().Argv();
        var start = new ProcessStartInfo(argv[0]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in argv.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        try
        {
            var request = new SandboxChildRequest(Long, SandboxSettings.None, 1, [], NetworkNamespace.InodeOf("self"));
            child.StandardInput.WriteLine(System.Text.Json.JsonSerializer.Serialize(request, SandboxChildMessage.JsonOptions));
            child.StandardInput.Flush();
            string? ready = child.StandardOutput.ReadLine(); // settings applied: now the parent "dies"
            Assert.Contains("\"ready\"", ready, StringComparison.Ordinal);
            child.StandardInput.Close();
            Assert.True(child.WaitForExit(TimeSpan.FromSeconds(15)), "the child outlived its parent's pipe");
            Assert.Equal(SandboxCaseChild.ParentGoneExitCode, child.ExitCode);
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill();
            }
        }
    }
}
