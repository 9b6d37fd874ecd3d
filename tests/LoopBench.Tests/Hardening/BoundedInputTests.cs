using LoopBench.Core.Results;
using LoopBench.Core.Safety;
using LoopBench.Core.Scenarios;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Hardening;

/// <summary>Lengths and sizes from files and peers are checked before anything is allocated.</summary>
public sealed class BoundedInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A sparse file: reports a huge length without using disk (or memory, if the reader is right).</summary>
    private string Sparse(string name, long bytes)
    {
        string path = Path.Combine(_temp.Path, name);
        using var file = new FileStream(path, FileMode.CreateNew);
        file.SetLength(bytes);
        return path;
    }

    [Fact(Timeout = 10_000)]
    public void RunFileReader_RefusesAHugeFile_BeforeReadingIt()
    {
        string path = Sparse("run.json", BoundedInput.MaxRunFileBytes + 1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<RunFileException>(() => RunFileReader.Read(path));
        Assert.Contains("over the limit", ex.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "the reader allocated for the file's size");
    }

    [Fact(Timeout = 10_000)]
    public void ScenarioLoader_RefusesAHugeFile()
    {
        string path = Sparse("huge.yaml", BoundedInput.MaxScenarioBytes + 1);
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        Assert.Contains("over the limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAllText_StopsPastTheLimit_WhenTheLengthIsNotKnownAhead()
    {
        // /proc files report length 0; the limit must hold while reading
        var ex = Assert.Throws<InputTooLargeException>(() => BoundedInput.ReadAllText("/proc/self/maps", 16, "maps"));
        Assert.Contains("maps", ex.Message, StringComparison.Ordinal);
        Assert.NotEmpty(BoundedInput.ReadAllText("/proc/self/stat", 1 << 20, "stat"));
    }

    [Fact]
    public void ReadLine_ReadsLines_AndRefusesAnEndlessOne()
    {
        using var ok = new StringReader("a\r\nbb\n\nlast");
        Assert.Equal(["a", "bb", string.Empty, "last"], ReadAll(ok));
        using var endless = new StringReader(new string('x', 1000));
        Assert.Throws<InputTooLargeException>(() => BoundedInput.ReadLine(endless, 100, "child"));
    }

    [Fact]
    public void ReadToEnd_RefusesMoreThanTheLimit()
    {
        Assert.Equal("abc", BoundedInput.ReadToEnd(new StringReader("abc"), 3, "tool"));
        Assert.Throws<InputTooLargeException>(() => BoundedInput.ReadToEnd(new StringReader("abcd"), 3, "tool"));
    }

    private static List<string> ReadAll(TextReader reader)
    {
        var lines = new List<string>();
        while (BoundedInput.ReadLine(reader, 100, "test") is string line)
        {
            lines.Add(line);
        }

        return lines;
    }
}
