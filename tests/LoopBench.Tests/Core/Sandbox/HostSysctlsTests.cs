using LoopBench.Core.Sandbox;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Sandbox;

/// <summary>Host sysctl journaling against a fake /proc/sys and a fake /run in a temp directory: the real host is never touched.</summary>
[Trait(Traits.Category, Traits.Sandbox)]
public sealed class HostSysctlsTests : IDisposable
{
    private const string Boot = FakeHost.BootId;
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("loopbench-hostsysctl-test-");
    private readonly HostSysctlPaths _paths;

    public HostSysctlsTests()
    {
        _paths = FakeHost.Create(_root.FullName, Boot, ("net.core.wmem_max", "4194304"));
    }

    public void Dispose() => _root.Delete(recursive: true);

    [Fact(Timeout = 10_000)]
    public void Apply_JournalsFirst_ThenRestoresOnDispose()
    {
        using (var session = HostSysctls.Apply(new Dictionary<string, string> { ["net.core.rmem_max"] = "8388608" }, _paths))
        {
            Assert.Equal("8388608", FakeHost.Read(_paths, "net.core.rmem_max"));
            var journal = SysctlJournal.Read(_paths)!;
            Assert.Equal(Boot, journal.BootId);
            Assert.Equal(Environment.ProcessId, journal.Pid);
            Assert.Equal(new SysctlJournalEntry("net.core.rmem_max", "4194304", "8388608"), Assert.Single(journal.Entries));
        }

        Assert.Equal("4194304", FakeHost.Read(_paths, "net.core.rmem_max"));
        Assert.False(File.Exists(_paths.JournalPath));
    }

    [Fact(Timeout = 10_000)]
    public void SecondRun_IsRefused_WhileTheFirstHoldsTheLock()
    {
        using var first = HostSysctls.Apply(new Dictionary<string, string> { ["net.core.rmem_max"] = "8388608" }, _paths);
        var ex = Assert.Throws<HostSysctlException>(() => HostSysctls.Apply(new Dictionary<string, string> { ["net.core.wmem_max"] = "1" }, _paths));
        Assert.Contains("only one at a time", ex.Message, StringComparison.Ordinal);
        Assert.Equal("4194304", FakeHost.Read(_paths, "net.core.wmem_max"));
    }

    [Fact(Timeout = 10_000)]
    public void AfterACrash_RunsRefuseToStart_AndRestorePutsValuesBack()
    {
        SimulateCrash(Boot);
        var ex = Assert.Throws<HostSysctlException>(() => HostSysctls.Apply(new Dictionary<string, string> { ["net.core.wmem_max"] = "1" }, _paths));
        Assert.Contains("run `loopbench restore`", ex.Message, StringComparison.Ordinal);

        var restored = HostSysctls.RestoreFromJournal(_paths);
        Assert.Equal("net.core.rmem_max", Assert.Single(restored).Key);
        Assert.Equal("4194304", FakeHost.Read(_paths, "net.core.rmem_max"));
        Assert.False(File.Exists(_paths.JournalPath));
        Assert.Empty(HostSysctls.RestoreFromJournal(_paths)); // nothing left: idempotent
    }

    [Fact(Timeout = 10_000)]
    public void Restore_RefusesAJournalFromAnotherBoot()
    {
        SimulateCrash("00000000-dead-beef-0000-000000000000");
        var ex = Assert.Throws<HostSysctlException>(() => HostSysctls.RestoreFromJournal(_paths));
        Assert.Contains("from boot 00000000-dead-beef", ex.Message, StringComparison.Ordinal);
        Assert.Equal("8388608", FakeHost.Read(_paths, "net.core.rmem_max")); // untouched
        Assert.True(File.Exists(_paths.JournalPath));
    }

    [Theory(Timeout = 10_000)]
    [InlineData("{\"version\":1,\"bootId\":\"x\",\"pid\":1,\"startedUtc\":\"2026-11-23T00:00:00Z\",\"entr")]
    [InlineData("{\"version\":1,\"bootId\":\"\",\"pid\":1,\"startedUtc\":\"2026-11-23T00:00:00Z\",\"entries\":[]}")]
    [InlineData("{\"version\":1,\"bootId\":\"b\",\"pid\":1,\"startedUtc\":\"2026-11-23T00:00:00Z\",\"entries\":[{\"key\":\"../x\",\"oldValue\":\"1\",\"newValue\":\"2\"}]}")]
    [InlineData("not json at all")]
    public void Restore_RefusesACorruptJournal_AndShowsIt(string text)
    {
        Directory.CreateDirectory(_paths.RunDirectory);
        File.WriteAllText(_paths.JournalPath, text);
        var ex = Assert.Throws<CorruptJournalException>(() => HostSysctls.RestoreFromJournal(_paths));
        Assert.Contains("is corrupt", ex.Message, StringComparison.Ordinal);
        Assert.Contains(text, ex.Message, StringComparison.Ordinal);
        Assert.Equal("4194304", FakeHost.Read(_paths, "net.core.rmem_max"));
    }

    [Fact(Timeout = 10_000)]
    public void RestoreVerb_ReportsWhatItRestored()
    {
        SimulateCrash(Boot);
        var (code, stdout, _) = CliHarness.Run("restore", "--run-dir", _paths.RunDirectory, "--proc-sys", _paths.ProcSysRoot);
        Assert.Equal(0, code);
        Assert.Contains("restored net.core.rmem_max = 4194304", stdout, StringComparison.Ordinal);

        File.WriteAllText(_paths.JournalPath, "garbage");
        var (bad, _, stderr) = CliHarness.Run("restore", "--run-dir", _paths.RunDirectory, "--proc-sys", _paths.ProcSysRoot);
        Assert.Equal(1, bad);
        Assert.Contains("garbage", stderr, StringComparison.Ordinal);
    }

    private void SimulateCrash(string bootId)
    {
        // What a run killed with SIGKILL leaves: the new value in place and the journal on disk.
        SysctlJournal.Write(_paths, new SysctlJournalDocument(1, bootId, 999_999, DateTimeOffset.UtcNow, [new("net.core.rmem_max", "4194304", "8388608")]));
        FakeHost.Write(_paths, "net.core.rmem_max", "8388608");
    }
}
