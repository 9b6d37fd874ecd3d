using System.Diagnostics;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Sandbox;
using LoopBench.Core.Scenarios;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Hardening;

/// <summary>Two LoopBench runs at once on one host: ports, paths, run directories and namespaces do not collide; one host-sysctl lock.</summary>
[Trait(Traits.Category, Traits.Sandbox)]
[Collection(SandboxCollection.Name)]
public sealed class ConcurrentRunTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact(Timeout = 90_000)]
    public void TwoRunsAtOnce_SameResultsRoot_BothPassInTheirOwnDirectories()
    {
        string results = Path.Combine(_temp.Path, "results");
        string scenario = FaultScenario.Write(_temp.Path, repetitions: 3, transports: "tcp4, unix-stream, udp4");
        using var first = CliProcess.Start(["run", scenario, "--out", results, "--no-report"]);
        using var second = CliProcess.Start(["run", scenario, "--out", results, "--no-report"]);

        Assert.True(first.WaitForExit(TimeSpan.FromSeconds(60)) && second.WaitForExit(TimeSpan.FromSeconds(60)), "a run did not finish");
        Assert.True(first.Process.ExitCode == 0, first.Stderr);
        Assert.True(second.Process.ExitCode == 0, second.Stderr);
        var dirs = Directory.GetDirectories(results);
        Assert.Equal(2, dirs.Length);
        foreach (string dir in dirs)
        {
            var run = RunFileReader.Read(dir);
            Assert.All(run.Cases, c => Assert.Equal(CaseOutcome.Passed, c.Outcome));
            Assert.Equal(9, run.Cases.Sum(c => c.Repetitions.Count));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task TwoSandboxedCasesAtOnce_GetTheirOwnNamespaces()
    {
        SandboxRequirement.Namespaces();
        var inodes = new System.Collections.Concurrent.ConcurrentBag<long>();
        var c = new Case { DurationMs = 500, WarmupMs = 50, IntervalMs = 100 };
        SandboxedCaseResult Run()
        {
            var runner = new SandboxedRunner(SandboxRequirement.Child());
            runner.ChildReady += info => inodes.Add(info.NamespaceInode);
            return runner.RunCase(c, new SandboxSettings { LoMtuBytes = 9000 }, 1, TestContext.Current.CancellationToken);
        }

        var runs = await Task.WhenAll(Task.Run(Run), Task.Run(Run)).WaitAsync(TimeSpan.FromSeconds(50), TestContext.Current.CancellationToken);
        Assert.All(runs, r => Assert.Equal(CaseOutcome.Passed, r.Result.Outcome));
        Assert.Equal(2, inodes.Distinct().Count());
        Assert.DoesNotContain(NetworkNamespace.InodeOf("self"), inodes);
    }

    [Fact(Timeout = 30_000)]
    public void HostSysctlLock_HeldByAnotherProcess_RefusesASecondRun()
    {
        var paths = FakeHost.Create(_temp.Path);
        using (HostSysctls.Apply(new Dictionary<string, string>(), paths))
        {
            // creates the private run directory and the lock file, then releases it
        }

        var start = new ProcessStartInfo("flock") { RedirectStandardOutput = true };
        foreach (string arg in new[] { "--exclusive", "--close", paths.LockPath, "sh", "-c", "echo locked; exec sleep 30" })
        {
            start.ArgumentList.Add(arg);
        }

        using var other = Process.Start(start)!; // another run on this host, holding flock(LOCK_EX)
        try
        {
            Assert.Equal("locked", other.StandardOutput.ReadLine());
            var ex = Assert.Throws<HostSysctlException>(() => HostSysctls.Apply(new Dictionary<string, string> { ["net.core.rmem_max"] = "8388608" }, paths));
            Assert.Contains("only one at a time", ex.Message, StringComparison.Ordinal);
            Assert.Equal("4194304\n", File.ReadAllText(Path.Combine(paths.ProcSysRoot, "net/core/rmem_max")));
        }
        finally
        {
            other.Kill(entireProcessTree: true);
            other.WaitForExit(5_000);
        }

        using (HostSysctls.Apply(new Dictionary<string, string> { ["net.core.rmem_max"] = "8388608" }, paths))
        {
            Assert.Equal("8388608\n", File.ReadAllText(Path.Combine(paths.ProcSysRoot, "net/core/rmem_max")));
        }
    }
}
