using LoopBench.Core.Sandbox;

namespace LoopBench.Tests.Fixtures;

/// <summary>
/// A fake /proc/sys and /run under a test's own directory, so host-sysctl code runs for real
/// without touching the host: a boot id (the journal's key) and the sysctls a test starts from.
/// </summary>
internal static class FakeHost
{
    public const string BootId = "6c1e0b4e-0000-4000-8000-000000000001";

    /// <summary>The tree under <paramref name="root"/> with net.core.rmem_max at the host's 4 MiB plus <paramref name="sysctls"/>.</summary>
    public static HostSysctlPaths Create(string root, string bootId = BootId, params (string Key, string Value)[] sysctls)
    {
        var paths = new HostSysctlPaths(Path.Combine(root, "proc-sys"), Path.Combine(root, "run"));
        Write(paths, "kernel.random.boot_id", bootId);
        Write(paths, "net.core.rmem_max", "4194304");
        foreach (var (key, value) in sysctls)
        {
            Write(paths, key, value);
        }

        return paths;
    }

    /// <summary>Writes <paramref name="value"/> and a newline, as the kernel shows it.</summary>
    public static void Write(HostSysctlPaths paths, string key, string value)
    {
        string path = SysctlName.PathOf(paths.ProcSysRoot, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, value + "\n");
    }

    /// <summary>The value, trimmed.</summary>
    public static string Read(HostSysctlPaths paths, string key) => File.ReadAllText(SysctlName.PathOf(paths.ProcSysRoot, key)).Trim();
}
