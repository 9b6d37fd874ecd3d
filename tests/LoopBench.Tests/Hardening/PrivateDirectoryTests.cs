using LoopBench.Core.Results;
using LoopBench.Core.Safety;
using LoopBench.Core.Sandbox;
using LoopBench.Core.Transports;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Hardening;

/// <summary>Results directories, the host-sysctl journal directory and Unix socket directories: 0700, never through a planted symlink.</summary>
public sealed class PrivateDirectoryTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Elsewhere => Directory.CreateDirectory(Path.Combine(_temp.Path, "elsewhere")).FullName;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ResultStore_CreatesTheRunDirectoryOwnerOnly()
    {
        string dir = new ResultStore(Path.Combine(_temp.Path, "results")).Create("run-1");
        Assert.Equal(PrivateDirectory.OwnerOnly, PathStatus.Of(dir)!.Mode);
        Assert.Equal(PathStatus.EffectiveUid, PathStatus.Of(dir)!.OwnerUid);
    }

    [Fact]
    public void ResultStore_RefusesARunDirectoryPlantedAsASymlink_AndWritesNothingThere()
    {
        string root = Directory.CreateDirectory(Path.Combine(_temp.Path, "results")).FullName;
        string target = Elsewhere;
        File.CreateSymbolicLink(Path.Combine(root, "run-1"), target);

        var ex = Assert.ThrowsAny<IOException>(() => new ResultStore(root).Create("run-1"));
        Assert.Contains("symbolic link", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(target));
    }

    [Fact]
    public void Ensure_RefusesADirectoryOthersCanWrite()
    {
        string open = Directory.CreateDirectory(Path.Combine(_temp.Path, "open")).FullName;
        File.SetUnixFileMode(open, PrivateDirectory.OwnerOnly | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        var ex = Assert.Throws<UnsafePathException>(() => PrivateDirectory.Ensure(open, "results directory"));
        Assert.Contains("writable by other users", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ensure_RefusesAFileInPlaceOfTheDirectory()
    {
        string file = Path.Combine(_temp.Path, "file");
        File.WriteAllText(file, "x");
        Assert.Throws<UnsafePathException>(() => PrivateDirectory.Ensure(file, "results directory"));
    }

    [Fact(Timeout = 10_000)]
    public void HostSysctls_RefuseAJournalDirectoryPlantedAsASymlink_AndChangeNothing()
    {
        string procSys = FakeHost.Create(_temp.Path).ProcSysRoot;
        string target = Elsewhere;
        string run = Path.Combine(_temp.Path, "run-loopbench");
        File.CreateSymbolicLink(run, target);
        var paths = new HostSysctlPaths(procSys, run);

        var ex = Assert.Throws<UnsafePathException>(() => HostSysctls.Apply(new Dictionary<string, string> { ["net.core.rmem_max"] = "8388608" }, paths));
        Assert.Contains("symbolic link", ex.Message, StringComparison.Ordinal);
        Assert.Equal("4194304\n", File.ReadAllText(Path.Combine(procSys, "net/core/rmem_max")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(target)); // no lock, no journal written through the link
    }

    [Fact(Timeout = 10_000)]
    public void HostSysctls_CreateTheJournalDirectoryOwnerOnly()
    {
        string procSys = FakeHost.Create(_temp.Path).ProcSysRoot;
        var paths = new HostSysctlPaths(procSys, Path.Combine(_temp.Path, "run", "loopbench"));
        Assert.Empty(HostSysctls.RestoreFromJournal(paths)); // nothing to restore, nothing created
        using (HostSysctls.Apply(new Dictionary<string, string>(), paths))
        {
            Assert.Equal(PrivateDirectory.OwnerOnly, PathStatus.Of(paths.RunDirectory)!.Mode);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UnixSocketDirectories_AreOwnerOnly(bool underAGivenParent)
    {
        string dir = LoopbackConnector.CreatePrivateDirectory(underAGivenParent ? _temp.Path : null);
        try
        {
            Assert.Equal(PrivateDirectory.OwnerOnly, PathStatus.Of(dir)!.Mode);
            Assert.StartsWith("loopbench-", Path.GetFileName(dir), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir);
        }
    }

    [Fact]
    public void PathStatus_DescribesASymlinkItself_NotItsTarget()
    {
        string link = Path.Combine(_temp.Path, "link");
        File.CreateSymbolicLink(link, Elsewhere);
        var status = PathStatus.Of(link)!;
        Assert.True(status.IsSymlink);
        Assert.False(status.IsDirectory);
        Assert.Null(PathStatus.Of(Path.Combine(_temp.Path, "absent")));
    }
}
