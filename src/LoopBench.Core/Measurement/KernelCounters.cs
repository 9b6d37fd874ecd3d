using System.Diagnostics;

namespace LoopBench.Core.Measurement;

/// <summary>
/// The I/O edge for kernel counters: reads /proc/net/{snmp,netstat,dev,softnet_stat,sockstat} and
/// lo's qdisc statistics (`tc -s -j qdisc show dev lo`) into one snapshot, before and after the
/// window; <see cref="Delta"/> keeps only what changed. Parsing lives in <see cref="KernelCounterParsers"/>.
/// Takes a few milliseconds (one tc process): call it outside the window.
/// </summary>
internal static class KernelCounters
{
    /// <summary>The snmp/netstat groups the issue asks for; Icmp and friends are left out.</summary>
    public static readonly IReadOnlySet<string> Groups =
        new HashSet<string>(["Ip", "Tcp", "Udp", "UdpLite", "TcpExt", "IpExt"], StringComparer.Ordinal);

    private static readonly TimeSpan TcTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Takes a snapshot of every counter; a missing file or tc leaves its counters out.</summary>
    public static KernelCounterSnapshot Snapshot(string device = "lo", bool includeQdisc = true)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        var notes = new List<string>();
        Read("/proc/net/snmp", t => KernelCounterParsers.ParseSnmp(t, values, Groups), notes);
        Read("/proc/net/netstat", t => KernelCounterParsers.ParseSnmp(t, values, Groups), notes);
        Read("/proc/net/dev", t => KernelCounterParsers.ParseNetDev(t, device, values), notes);
        Read("/proc/net/softnet_stat", t => KernelCounterParsers.ParseSoftnet(t, values), notes);
        Read("/proc/net/sockstat", t => KernelCounterParsers.ParseSockstat(t, values), notes);
        string? qdiscKind = null;
        if (includeQdisc)
        {
            string? json = RunTc(device, notes);
            if (json is not null)
            {
                qdiscKind = KernelCounterParsers.ParseQdisc(json, device, values);
            }
        }

        return new KernelCounterSnapshot(values, qdiscKind, notes);
    }

    /// <summary>Counters that differ between two snapshots, with their meaning, sorted by name.</summary>
    public static IReadOnlyList<CounterDeltaResult> Delta(KernelCounterSnapshot before, KernelCounterSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changed = new List<CounterDeltaResult>();
        foreach (var (name, value) in after.Values)
        {
            if (before.Values.TryGetValue(name, out long old) && old != value)
            {
                var entry = CounterCatalog.Describe(name);
                changed.Add(new CounterDeltaResult(name, old, value, value - old, entry.IsGauge ? "gauge" : "counter", entry.Meaning));
            }
        }

        changed.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return changed;
    }

    private static void Read(string path, Action<string> parse, List<string> notes)
    {
        try
        {
            parse(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            notes.Add($"{path}: {ex.Message}");
        }
    }

    private static string? RunTc(string device, List<string> notes)
    {
        var start = new ProcessStartInfo("tc")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (ReadOnlySpan<string>)["-s", "-j", "qdisc", "show", "dev", device])
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TcTimeout))
            {
                process.Kill();
                notes.Add($"tc did not answer within {TcTimeout.TotalSeconds:0} s; qdisc counters left out");
                return null;
            }

            if (process.ExitCode != 0 || !output.Wait(TcTimeout))
            {
                notes.Add($"tc exited with code {process.ExitCode}; qdisc counters left out");
                return null;
            }

            return output.Result;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            notes.Add("tc is not installed; qdisc counters left out");
            return null;
        }
    }
}
