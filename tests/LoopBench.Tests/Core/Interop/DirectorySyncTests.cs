using LoopBench.Core.Interop;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Interop;

public sealed class DirectorySyncTests
{
    [Fact(Timeout = 10_000)]
    public void Flush_ARealDirectoryAfterARename_Succeeds()
    {
        using var temp = new TempDirectory();
        string from = Path.Combine(temp.Path, "a.tmp");
        string to = Path.Combine(temp.Path, "a");
        File.WriteAllText(from, "x");
        File.Move(from, to);

        DirectorySync.Flush(temp.Path);
        DirectorySync.FlushParentOf(to);

        Assert.Equal("x", File.ReadAllText(to));
    }

    [Fact(Timeout = 10_000)]
    public void Flush_AMissingDirectory_ThrowsNamingItAndTheCause()
    {
        using var temp = new TempDirectory();
        string missing = Path.Combine(temp.Path, "gone");

        var ex = Assert.Throws<IOException>(() => DirectorySync.Flush(missing));

        Assert.Contains($"'{missing}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("No such file or directory", ex.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public void Flush_AFile_ThrowsNotADirectory()
    {
        using var temp = new TempDirectory();
        string file = Path.Combine(temp.Path, "f");
        File.WriteAllText(file, "x");

        var ex = Assert.Throws<IOException>(() => DirectorySync.Flush(file));

        Assert.Contains("Not a directory", ex.Message, StringComparison.Ordinal); // O_DIRECTORY is right for this architecture
    }
}
