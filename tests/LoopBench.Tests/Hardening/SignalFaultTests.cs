using LoopBench.Core.Interop;
using LoopBench.Core.Results;
using LoopBench.Core.Sandbox;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Hardening;

/// <summary>
/// Real signals to a real loopbench process: SIGINT, SIGTERM and SIGHUP mid-run (while a case measures and
/// while run.json is rewritten after every repetition) keep valid results and exit 130; SIGKILL
/// leaves the old or the new run.json, never a torn one; SIGTERM, SIGINT and SIGHUP while host sysctls are
/// changed (on a fake /proc/sys) restore them.
/// </summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class SignalFaultTests : IDisposable
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private const string ChildVariable = "LOOPBENCH_HARDENING_SYSCTL_CHILD";
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory(Timeout = 60_000)]
    [InlineData(SigTerm, 2)]
    [InlineData(ProcessSignals.SigInt, 5)]
    [InlineData(ProcessSignals.SigHup, 3)]
    public void SignalMidRun_KeepsAValidInterruptedRunJson_AndExits130(int signal, int afterRepetitions)
    {
        string results = Path.Combine(_temp.Path, "results");
        using var child = CliProcess.Start(["run", FaultScenario.Write(_temp.Path), "--out", results, "--no-report"]);
        Assert.True(FaultScenario.WaitForRepetitions(results, afterRepetitions, Startup), "the run never got going: " + child.Stderr);

        Assert.True(ProcessSignals.Send(child.Process.Id, signal));
        Assert.True(child.WaitForExit(TimeSpan.FromSeconds(20)), "the run did not stop after the signal");
        Assert.Equal(130, child.Process.ExitCode);
        var run = RunFileReader.Read(FaultScenario.RunDirectory(results)!);
        Assert.Equal(RunStatus.Interrupted, run.Status);
        Assert.True(run.Cases.Sum(c => c.Repetitions.Count) >= afterRepetitions);
    }

    [Fact(Timeout = 60_000)]
    public void SighupUnderNohup_IsIgnored_AndTheRunCompletes()
    {
        string results = Path.Combine(_temp.Path, "results");
        using var child = CliProcess.Start(["run", FaultScenario.Write(_temp.Path, repetitions: 4), "--out", results, "--no-report"], ignoreHangup: true);
        Assert.True(FaultScenario.WaitForRepetitions(results, 1, Startup), "the run never got going: " + child.Stderr);

        Assert.True(ProcessSignals.Send(child.Process.Id, ProcessSignals.SigHup));
        Assert.True(child.WaitForExit(TimeSpan.FromSeconds(40)), "the run did not finish");
        Assert.True(child.Process.ExitCode == 0, $"exit {child.Process.ExitCode}: {child.Stderr}");
        var run = RunFileReader.Read(FaultScenario.RunDirectory(results)!);
        Assert.Equal(RunStatus.Completed, run.Status);
    }

    [Fact(Timeout = 90_000)]
    public void SigkillAtRandomMoments_LeavesTheOldOrTheNewRunJson_NeverATornOne()
    {
        var random = new Random(20261123);
        for (int attempt = 0; attempt < 3; attempt++)
        {
            string results = Path.Combine(_temp.Path, $"results-{attempt}");
            using var child = CliProcess.Start(["run", FaultScenario.Write(_temp.Path), "--out", results, "--no-report"]);
            Assert.True(FaultScenario.WaitForRepetitions(results, 1, Startup), "the run never got going: " + child.Stderr);
            Thread.Sleep(random.Next(0, 400)); // lands anywhere in the repetition/rewrite cycle
            Assert.True(ProcessSignals.Send(child.Process.Id, SigKill));
            Assert.True(child.WaitForExit(TimeSpan.FromSeconds(10)));

            string dir = FaultScenario.RunDirectory(results)!;
            var run = RunFileReader.Read(dir); // throws on a torn or empty file
            Assert.NotEmpty(run.Cases);
            Assert.True(run.Cases.Sum(c => c.Repetitions.Count) >= 1);
        }
    }

    [Theory(Timeout = 60_000)]
    [InlineData(SigTerm)]
    [InlineData(ProcessSignals.SigInt)]
    [InlineData(ProcessSignals.SigHup)]
    public void SignalWhileHostSysctlsAreChanged_RestoresThem(int signal)
    {
        var paths = FakeHost.Create(_temp.Path);
        var start = CliProcess.WithDefaultInterrupt(Path.Combine(AppContext.BaseDirectory, "LoopBench.Tests"));
        foreach (string arg in new[] { "-method", $"{typeof(SignalFaultTests).FullName}.{nameof(Child_HoldsFakeHostSysctls)}", "-explicit", "only" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[ChildVariable] = _temp.Path;
        using var child = System.Diagnostics.Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            string applied = Path.Combine(_temp.Path, "applied");
            var deadline = DateTime.UtcNow + Startup;
            while (!File.Exists(applied) && !child.HasExited && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }

            Assert.True(File.Exists(applied), "the child never changed the sysctls");
            Assert.Equal("8388608", File.ReadAllText(Path.Combine(paths.ProcSysRoot, "net/core/rmem_max")).Trim());
            Assert.True(File.Exists(paths.JournalPath));

            Assert.True(ProcessSignals.Send(child.Id, signal));
            Assert.True(child.WaitForExit(TimeSpan.FromSeconds(20)), "the child did not exit after the signal");
            Assert.Equal("4194304", File.ReadAllText(Path.Combine(paths.ProcSysRoot, "net/core/rmem_max")).Trim());
            Assert.False(File.Exists(paths.JournalPath), "the journal was left behind after a complete restore");
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill();
            }
        }
    }

    /// <summary>Not a test of its own: the child process of <see cref="SignalWhileHostSysctlsAreChanged_RestoresThem"/>.</summary>
    [Fact(Explicit = true, Timeout = 60_000)]
    public async Task Child_HoldsFakeHostSysctls()
    {
        string? dir = Environment.GetEnvironmentVariable(ChildVariable);
        Assert.SkipWhen(dir is null, $"runs only as the child of {nameof(SignalWhileHostSysctlsAreChanged_RestoresThem)}");
        var paths = new HostSysctlPaths(Path.Combine(dir!, "proc-sys"), Path.Combine(dir!, "run"));
        using var host = HostSysctls.Apply(new Dictionary<string, string> { ["net.core.rmem_max"] = "8388608" }, paths);
        await File.WriteAllTextAsync(Path.Combine(dir!, "applied"), "yes", TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(45), TestContext.Current.CancellationToken);
    }
}
