using System.Globalization;

namespace LoopBench.Core.Measurement;

/// <summary>
/// Samples the counters behind <see cref="CpuNoise"/>. Both files count in USER_HZ ticks, so the
/// deltas compare directly; the resolution is 10 ms per CPU, good enough for a noise flag.
/// </summary>
internal static class CpuNoiseSampler
{
    /// <summary>Counters at one instant; all zero where /proc is unreadable.</summary>
    /// <param name="TotalTicks">All CPU time of all CPUs (user..steal).</param>
    /// <param name="BusyTicks">Total minus idle and iowait.</param>
    /// <param name="StealTicks">Steal time.</param>
    /// <param name="SelfTicks">This process's utime + stime.</param>
    public readonly record struct Snapshot(long TotalTicks, long BusyTicks, long StealTicks, long SelfTicks);

    /// <summary>Reads the counters now.</summary>
    public static Snapshot Take() => Parse(Read("/proc/stat"), Read("/proc/self/stat"));

    /// <summary>The noise between two snapshots; null when no time passed or /proc was unreadable.</summary>
    public static CpuNoise? Between(Snapshot before, Snapshot after)
    {
        long total = after.TotalTicks - before.TotalTicks;
        if (total <= 0)
        {
            return null;
        }

        long busy = after.BusyTicks - before.BusyTicks;
        long self = after.SelfTicks - before.SelfTicks;
        double Percent(long ticks) => Math.Round(Math.Clamp(ticks * 100.0 / total, 0, 100), 2);
        long steal = after.StealTicks - before.StealTicks;
        return new CpuNoise(Percent(steal), Percent(busy - self - steal), Percent(self));
    }

    /// <summary>Parses the aggregate "cpu" line of /proc/stat and the utime/stime of /proc/self/stat.</summary>
    public static Snapshot Parse(string? procStat, string? selfStat)
    {
        long total = 0, busy = 0, steal = 0, self = 0;
        string? cpu = procStat?.Split('\n').FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        if (cpu is not null)
        {
            // user nice system idle iowait irq softirq steal [guest guest_nice: already inside user/nice]
            long[] f = cpu.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(ParseLong).ToArray();
            if (f.Length == 8)
            {
                total = f.Sum();
                busy = total - f[3] - f[4];
                steal = f[7];
            }
        }

        int close = selfStat?.LastIndexOf(')') ?? -1;
        if (close >= 0)
        {
            // After "pid (comm)": state is field 3, utime 14, stime 15.
            string[] rest = selfStat![(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (rest.Length > 12)
            {
                self = ParseLong(rest[11]) + ParseLong(rest[12]);
            }
        }

        return new Snapshot(total, busy, steal, self);
    }

    private static long ParseLong(string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : 0;

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
