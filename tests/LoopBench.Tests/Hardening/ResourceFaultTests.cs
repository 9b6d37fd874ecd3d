using System.Diagnostics;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Hardening;

/// <summary>Running out of disk, file descriptors or ephemeral ports: a clear failure, results kept, never a crash.</summary>
[Trait(Traits.Category, Traits.Sandbox)]
public sealed class ResourceFaultTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact(Timeout = 60_000)]
    public void FullDisk_FailsClearly_AndKeepsEveryEarlierRepetition()
    {
        string mount = Directory.CreateDirectory(Path.Combine(_temp.Path, "small")).FullName;
        var (mounted, error) = Tool("mount", "-t", "tmpfs", "-o", "size=256k,mode=0755", "tmpfs", mount);
        SandboxRequirement.SkipUnless(mounted, $"cannot mount a small tmpfs (needs root): {error}");
        try
        {
            var (code, _, stderr) = CliHarness.Run("run", FaultScenario.Write(_temp.Path, repetitions: 200, transports: "tcp4"), "--out", mount, "--no-report");

            Assert.Equal(1, code);
            Assert.Contains("No space left on device", stderr, StringComparison.Ordinal);
            Assert.Contains("are kept in", stderr, StringComparison.Ordinal);
            var run = RunFileReader.Read(FaultScenario.RunDirectory(mount)!);
            int kept = run.Cases.Sum(c => c.Repetitions.Count);
            Assert.True(kept is >= 1 and < 200, $"kept {kept}: {stderr}"); // the disk filled mid-run, and what was measured before is there
            Assert.All(run.Cases.SelectMany(c => c.Repetitions), r => Assert.True(r.Metrics[MetricIds.Transactions] > 0));
        }
        finally
        {
            Tool("umount", "-l", mount);
        }
    }

    [Fact(Timeout = 60_000)]
    public void LowOpenFileLimit_FailsClearly_NotACrash()
    {
        foreach (int limit in new[] { 64, 128 })
        {
            using var child = CliProcess.Start(["quick", "-P", "64", "-t", "300ms", "--warmup", "50ms", "-i", "0"], openFiles: limit);
            Assert.True(child.WaitForExit(TimeSpan.FromSeconds(30)), "quick did not finish");
            string stderr = child.Stderr;
            Assert.True(child.Process.ExitCode == 1, $"ulimit -n {limit}: exit {child.Process.ExitCode}: {stderr}");
            // .NET alone holds about 90 descriptors (it keeps each assembly open), so at 64 the runtime
            // itself runs out somewhere; at 128 the case's own check refuses 64 flows before it starts.
            string expected = limit == 64 ? $"out of file descriptors (ulimit -n is {limit})" : $"not enough file descriptors: the case needs 129 sockets plus {FileDescriptorBudget.RuntimeReserve} spare, but the open-file limit (ulimit -n) is {limit}";
            Assert.True(stderr.Contains(expected, StringComparison.Ordinal), stderr);
            Assert.DoesNotContain("Unhandled exception", stderr, StringComparison.Ordinal);
        }
    }

    private static (bool Ok, string Error) Tool(params string[] argv)
    {
        var start = new ProcessStartInfo(argv[0]) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in argv.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode == 0, error.Trim());
    }
}
