using LoopBench.Core.Results;
using LoopBench.Core.Sandbox;

namespace LoopBench.Core.Running;

/// <summary>
/// Which network namespace /proc/net counters describe: a private one when this process is in a
/// network namespace other than init's (pid 1), the host's when it shares init's. Namespaces are compared by
/// the inode of their /proc/PID/ns/net link.
/// </summary>
internal static class NetworkNamespaceScope
{
    /// <summary>
    /// Detects the scope. Reading pid 1's link needs ptrace rights over it, which a container may deny
    /// even to root; then the parent's namespace stands in (a sandbox child runs under `unshare --net`,
    /// which execs it, so its parent is the LoopBench process on the host side). When neither can be
    /// read the answer is the host.
    /// </summary>
    public static CountersScope Detect() => Classify(TryInode("self"), TryInode("1") ?? TryInode(ParentPid()));

    /// <summary>Pure: a private namespace when both inodes are known and differ, else the host.</summary>
    public static CountersScope Classify(long? self, long? reference) =>
        self is long a && reference is long b && a != b ? CountersScope.NetNs : CountersScope.Host;

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
