using System.Reflection;
using LoopBench.Core.Results;

namespace LoopBench.Cli;

/// <summary>The tool's version and commit, from the assembly's informational version ("0.1.0+commit").</summary>
internal static class VersionInfo
{
    private static readonly string Informational =
        typeof(VersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The version without the commit.</summary>
    public static string Version { get; } = Informational.Split('+')[0];

    /// <summary>
    /// The git commit the build recorded, with ".dirty" when the work tree had uncommitted changes
    /// to tracked files (Directory.Build.targets); null when the build had no git.
    /// </summary>
    public static string? Commit { get; } = Informational.IndexOf('+', StringComparison.Ordinal) is var plus and >= 0 ? Informational[(plus + 1)..] : null;

    /// <summary>The tool record every result document carries.</summary>
    public static ToolInfo Tool() => new("loopbench", Version) { Commit = Commit };
}
