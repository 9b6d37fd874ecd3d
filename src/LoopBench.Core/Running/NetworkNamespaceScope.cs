using LoopBench.Core.Sandbox;

namespace LoopBench.Core.Running;

/// <summary>
/// Which network namespace /proc/net counters describe: "netns" when this process is in a network
/// namespace other than init's (pid 1), "host" when it shares init's. Namespaces are compared by
/// the inode of their /proc/PID/ns/net link.
/// </summary>
internal static class NetworkNamespaceScope
{
    /// <summary>The counters describe a private network namespace.</summary>
    public const string NetNs = "netns";

    /// <summary>The counters describe init's network namespace.</summary>
    public const string Host = "host";

    /// <summary>
    /// Detects the scope. Reading pid 1's link needs ptrace rights over it, which a container may deny
    /// even to root; then the parent's namespace stands in (a sandbox child runs under `unshare --net`,
    /// which execs it, so its parent is the LoopBench process on the host side). When neither can be
    /// read the answer is "host".
    /// </summary>
    public static string Detect() => Classify(TryInode("self"), TryInode("1") ?? TryInode(ParentPid()));

    /// <summary>Pure: "netns" when both inodes are known and differ, else "host".</summary>
    public static string Classify(long? self, long? reference) =>
        self is long a && reference is long b && a != b ? NetNs : Host;

    private static string ParentPid()
    {
        try
        {
            // field 4 of /proc/self/stat; comm (field 2) may hold spaces, so count from the last ')'
            string stat = File.ReadAllText("/proc/self/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return "1";
        }
    }

    private static long? TryInode(string pid)
    {
        try
        {
            return NetworkNamespace.InodeOf(pid);
        }
        catch (Exception ex) when (ex is SandboxSetupException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
