using System.Diagnostics;
using LoopBench.Core.Safety;
using LoopBench.Core.Transports;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Safety;

public sealed class OwnedTempDirectoryTests
{
    [Fact(Timeout = 10_000)]
    public void Sweep_RemovesTheEmptyDirectoriesOfDeadOwners_AndNothingElse()
    {
        using var root = new TempDirectory();
        int dead = PidOfAnExitedProcess();
        string[] stale = [$"loopbench-{dead}-a1B2c3", $"loopbench-ns-{dead}-d4E5f6"];
        string[] kept =
        [
            $"loopbench-{Environment.ProcessId}-alive0", // its owner runs
            $"loopbench-{dead}-full00",                  // not empty
            "loopbench-2cY6yY",                          // no pid: staleness cannot be proven
            $"loopbench-test-{dead}",                    // not one of ours
        ];
        foreach (string name in stale.Concat(kept))
        {
            Directory.CreateDirectory(Path.Combine(root.Path, name));
        }

        File.WriteAllText(Path.Combine(root.Path, $"loopbench-{dead}-full00", "keep"), "x");
        string target = Path.Combine(root.Path, "elsewhere");
        Directory.CreateDirectory(target);
        Directory.CreateSymbolicLink(Path.Combine(root.Path, $"loopbench-{dead}-link00"), target);

        Assert.Equal(stale.Length, OwnedTempDirectory.Sweep(root.Path));

        Assert.All(stale, name => Assert.False(Directory.Exists(Path.Combine(root.Path, name)), name));
        Assert.All(kept, name => Assert.True(Directory.Exists(Path.Combine(root.Path, name)), name));
        Assert.True(Directory.Exists(target));
        Assert.NotNull(new FileInfo(Path.Combine(root.Path, $"loopbench-{dead}-link00")).LinkTarget);
    }

    [Fact(Timeout = 10_000)]
    public void UnixSocketDirectories_CarryTheOwnersPid()
    {
        using var parent = new TempDirectory();
        foreach (string dir in new[] { LoopbackConnector.CreatePrivateDirectory(null), LoopbackConnector.CreatePrivateDirectory(parent.Path) })
        {
            try
            {
                Assert.Equal(Environment.ProcessId, OwnedTempDirectory.OwnerPid(Path.GetFileName(dir)));
            }
            finally
            {
                Directory.Delete(dir);
            }
        }
    }

    [Theory]
    [InlineData("loopbench-1234-abc", 1234)]
    [InlineData("loopbench-ns-1234-abc", 1234)]
    [InlineData("loopbench-abc123", null)]
    [InlineData("loopbench-1234-", null)]
    [InlineData("loopbench-test-1234", null)]
    [InlineData("loopbench-report-x", null)]
    [InlineData("loopbench--1-x", null)]
    [InlineData("other-1234-abc", null)]
    public void OwnerPid_IsReadFromOurNamesOnly(string name, int? pid) =>
        Assert.Equal(pid, OwnedTempDirectory.OwnerPid(name));

    private static int PidOfAnExitedProcess()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(5)));
        return process.Id;
    }
}
