namespace LoopBench.Tests.Fixtures;

/// <summary>
/// Reads committed fixture files from tests/LoopBench.Tests/Fixtures in the source tree. Found from
/// the repository root above the test binaries, not from [CallerFilePath]: CI builds with
/// ContinuousIntegrationBuild=true, which maps source paths to "/_/".
/// </summary>
internal static class FixtureFiles
{
    public static string Read(string relativePath) =>
        File.ReadAllText(RepoFiles.PathOf("tests", "LoopBench.Tests", "Fixtures", relativePath));
}
