namespace LoopBench.Tests.Fixtures;

/// <summary>
/// Golden files in tests/LoopBench.Tests/Golden. On a mismatch the actual text is written beside
/// the golden file as NAME.received.EXT and the test fails; LOOPBENCH_BLESS=1 approves it instead.
/// </summary>
internal static class Golden
{
    private static readonly string Directory = FindGoldenDirectory();

    /// <summary>Compares <paramref name="actual"/> with the golden file; <paramref name="onMismatch"/> says what a difference means.</summary>
    public static void Assert(string actual, string name, string? onMismatch = null) =>
        AssertFile(actual, Path.Combine(Directory, name), onMismatch);

    /// <summary>As <see cref="Assert"/>, for a golden file elsewhere in the repository (e.g. a generated doc).</summary>
    public static void AssertFile(string actual, string expectedPath, string? onMismatch = null)
    {
        string name = Path.GetFileName(expectedPath);
        string received = Path.Combine(Path.GetDirectoryName(expectedPath)!, Path.GetFileNameWithoutExtension(name) + ".received" + Path.GetExtension(name));
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("LOOPBENCH_BLESS") == "1")
        {
            File.WriteAllText(expectedPath, actual);
            File.Delete(received);
            return;
        }

        string? expected = File.Exists(expectedPath) ? File.ReadAllText(expectedPath).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Xunit.Assert.Fail(expected is null
            ? $"no golden file {expectedPath}; wrote {received}. Review it, then re-run with LOOPBENCH_BLESS=1 to approve."
            : $"{name} differs from its golden file; wrote {received}. Diff them; LOOPBENCH_BLESS=1 approves the new text."
                + (onMismatch is null ? string.Empty : " " + onMismatch));
    }

    private static string FindGoldenDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LoopBench.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("LoopBench.sln not found above the test binaries"), "tests", "LoopBench.Tests", "Golden");
    }
}
