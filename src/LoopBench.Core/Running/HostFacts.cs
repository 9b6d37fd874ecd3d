using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace LoopBench.Core.Running;

/// <summary>The parts of the environment that need a helper program or a walk over several files, for <see cref="EnvironmentProbe"/>.</summary>
internal static class HostFacts
{
    private static readonly Lazy<Dictionary<string, string>> LoLinkCache = new(() => ParseIpLink(RunTool("ip", "-d", "link", "show", "dev", "lo")));

    /// <summary>Parses the key/value words of <c>ip -d link show</c> ("mtu 65536 qdisc noqueue ... gso_max_size 65536").</summary>
    public static Dictionary<string, string> ParseIpLink(string? output)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] words = (output ?? string.Empty).Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
        string[] keys = ["mtu", "qdisc", "qlen", "gso_max_size", "gso_max_segs", "tso_max_size", "tso_max_segs", "gro_max_size"];
        for (int i = 0; i + 1 < words.Length; i++)
        {
            if (keys.Contains(words[i]))
            {
                values.TryAdd(words[i], words[i + 1]);
            }
        }

        return values;
    }

    public static Dictionary<string, string> LoLink() => LoLinkCache.Value;

    public static long? LongOf(string? text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : null;

    public static string Virtualization()
    {
        string? detected = RunTool("systemd-detect-virt")?.Trim();
        if (!string.IsNullOrEmpty(detected))
        {
            return detected;
        }

        bool hypervisor = EnvironmentProbe.ReadLines("/proc/cpuinfo").Any(l => l.StartsWith("flags", StringComparison.Ordinal) && l.Contains(" hypervisor", StringComparison.Ordinal));
        return hypervisor ? "vm" : File.Exists("/.dockerenv") ? "docker" : "unknown";
    }

    public static string? CgroupCpuMax()
    {
        if (CgroupFile("cpu.max", null, null) is string v2)
        {
            return v2;
        }

        string? quota = CgroupFile(null, "cpu", "cpu.cfs_quota_us");
        string? period = CgroupFile(null, "cpu", "cpu.cfs_period_us");
        return quota is null ? null : quota == "-1" ? "max " + period : quota + " " + period;
    }

    /// <summary>Reads a file of this process's cgroup: v2 under its unified path, or v1 under its controller.</summary>
    public static string? CgroupFile(string? v2Name, string? v1Controller, string? v1Name)
    {
        foreach (string line in EnvironmentProbe.ReadLines("/proc/self/cgroup"))
        {
            string[] parts = line.Split(':', 3);
            if (parts.Length != 3)
            {
                continue;
            }

            string? path = parts[0] == "0" && parts[1].Length == 0 && v2Name is not null
                ? Path.Combine("/sys/fs/cgroup", parts[2].TrimStart('/'), v2Name)
                : v1Controller is not null && parts[1].Split(',').Contains(v1Controller) && v1Name is not null
                    ? Path.Combine("/sys/fs/cgroup", v1Controller, parts[2].TrimStart('/'), v1Name)
                    : null;
            if (path is not null && EnvironmentProbe.Read(path) is string value)
            {
                return value;
            }
        }

        return null;
    }

    public static SortedDictionary<string, string> DotnetKnobs()
    {
        string Switch(string name) => AppContext.GetData(name)?.ToString() ?? "default";
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["gcLatencyMode"] = GCSettings.LatencyMode.ToString(),
            ["tieredCompilation"] = Switch("System.Runtime.TieredCompilation"),
            ["tieredPgo"] = Switch("System.Runtime.TieredPGO"),
            ["quickJitForLoops"] = Switch("System.Runtime.TieredCompilation.QuickJitForLoops"),
            ["callCountingDelayMs"] = Switch("System.Runtime.TieredCompilation.CallCountingDelayMs"),
            ["readyToRun"] = Switch("System.Runtime.ReadyToRun"),
            ["processorCount"] = System.Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
        };
    }

    public static SortedDictionary<string, string> DotnetVariables()
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in System.Environment.GetEnvironmentVariables())
        {
            string name = e.Key.ToString() ?? string.Empty;
            if (name.StartsWith("DOTNET_", StringComparison.Ordinal) || name.StartsWith("COMPlus_", StringComparison.Ordinal))
            {
                values[name] = e.Value?.ToString() ?? string.Empty;
            }
        }

        return values;
    }

    public static SortedDictionary<string, string> Mitigations()
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        const string dir = "/sys/devices/system/cpu/vulnerabilities";
        if (Directory.Exists(dir))
        {
            foreach (string file in Directory.EnumerateFiles(dir))
            {
                if (EnvironmentProbe.Read(file) is string value)
                {
                    values[Path.GetFileName(file)] = value;
                }
            }
        }

        return values;
    }

    /// <summary>Runs a helper program for at most 2 s; null when it is missing or fails.</summary>
    private static string? RunTool(string program, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(2000))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            return output.Wait(2000) ? output.Result : null;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }
}
