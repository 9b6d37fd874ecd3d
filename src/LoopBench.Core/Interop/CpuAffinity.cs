using System.Runtime.InteropServices;

namespace LoopBench.Core.Interop;

/// <summary>
/// Per-thread CPU placement. <c>ProcessThread.ProcessorAffinity</c> is not supported on Linux,
/// so this goes through sched_setaffinity(2) with pid 0 (the calling thread only).
/// </summary>
internal static unsafe class CpuAffinity
{
    // 1024 CPUs: glibc's CPU_SETSIZE; the kernel rejects a mask shorter than its nr_cpu_ids.
    private const int MaskWords = 1024 / 64;

    /// <summary>The CPUs the calling thread may run on (cgroup cpusets and taskset included).</summary>
    public static IReadOnlyList<int> GetAllowedCpus()
    {
        ulong* mask = stackalloc ulong[MaskWords];
        new Span<ulong>(mask, MaskWords).Clear();
        if (Libc.SchedGetAffinity(0, (nuint)(MaskWords * sizeof(ulong)), mask) != 0)
        {
            throw new InvalidOperationException($"sched_getaffinity failed: errno {Marshal.GetLastPInvokeError()}");
        }

        var cpus = new List<int>();
        for (int word = 0; word < MaskWords; word++)
        {
            for (int bit = 0; bit < 64; bit++)
            {
                if ((mask[word] & (1UL << bit)) != 0)
                {
                    cpus.Add((word * 64) + bit);
                }
            }
        }

        return cpus;
    }

    /// <summary>Pins the calling thread to one CPU. Throws with the errno when the kernel refuses.</summary>
    public static void PinCurrentThread(int cpu)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cpu);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cpu, MaskWords * 64);
        ulong* mask = stackalloc ulong[MaskWords];
        new Span<ulong>(mask, MaskWords).Clear();
        mask[cpu / 64] = 1UL << (cpu % 64);
        if (Libc.SchedSetAffinity(0, (nuint)(MaskWords * sizeof(ulong)), mask) != 0)
        {
            throw new InvalidOperationException($"sched_setaffinity(cpu {cpu}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>The CPU the calling thread is running on right now.</summary>
    public static int CurrentCpu() => Libc.SchedGetCpu();

    /// <summary>The kernel thread id of the calling thread.</summary>
    public static int CurrentThreadId() => Libc.GetTid();

    /// <summary>
    /// The CPU a thread of this process last ran on, from field 39 of /proc/self/task/TID/stat.
    /// Lets the coordinator observe unpinned workers without touching their hot loop.
    /// Returns -1 when the thread is gone.
    /// </summary>
    public static int LastCpuOf(int threadId)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/self/task/{threadId}/stat");
        }
        catch (IOException)
        {
            return -1;
        }

        // comm (field 2) may contain spaces; fields after the closing parenthesis are plain.
        int close = text.LastIndexOf(')');
        var fields = text[(close + 2)..].Split(' ');
        // fields[0] is field 3 (state), so field 39 is fields[36].
        return fields.Length > 36 && int.TryParse(fields[36], System.Globalization.CultureInfo.InvariantCulture, out int cpu) ? cpu : -1;
    }
}
