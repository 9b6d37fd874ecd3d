using System.Globalization;

namespace LoopBench.Core.Sandbox;

/// <summary>
/// Facts about network namespaces from /proc and lsns. A namespace here is always one made by
/// <c>unshare --net</c> for a child process: it lives exactly as long as the processes inside it.
/// </summary>
internal static class NetworkNamespace
{
    /// <summary>The inode of /proc/<paramref name="pid"/>/ns/net ("self" for this process), as lsns prints it.</summary>
    public static long InodeOf(string pid)
    {
        string link = new FileInfo($"/proc/{pid}/ns/net").LinkTarget ?? string.Empty; // "net:[4026531840]"
        int open = link.IndexOf('[', StringComparison.Ordinal);
        return open >= 0 && long.TryParse(link.AsSpan(open + 1, link.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out long inode)
            ? inode
            : throw new SandboxSetupException($"cannot read the network namespace of pid {pid} ('{link}')");
    }

    /// <summary>Inodes of every live network namespace, from <c>lsns -t net -n -o NS</c>.</summary>
    public static IReadOnlySet<long> ListInodes()
    {
        var output = ToolRunner.Run(["lsns", "-t", "net", "-n", "-o", "NS"]);
        if (!output.Ok)
        {
            throw new SandboxSetupException("lsns -t net failed: " + output.Stderr.Trim());
        }

        return output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => long.Parse(s, CultureInfo.InvariantCulture))
            .ToHashSet();
    }
}
