using System.Runtime.InteropServices;

namespace LoopBench.Core.Interop;

/// <summary>
/// The libc calls that <see cref="System.Net.Sockets.Socket"/> and <see cref="System.Threading.Thread"/>
/// cannot make. Every entry point here has a test in tests/LoopBench.Tests/Core/Interop.
/// </summary>
internal static unsafe partial class Libc
{
    // glibc's soname: "libc" alone resolves to a linker script (libc.so) that dlopen rejects.
    private const string LibraryName = "libc.so.6";

    /// <summary>sched_setaffinity(2); pid 0 means the calling thread.</summary>
    [LibraryImport(LibraryName, EntryPoint = "sched_setaffinity", SetLastError = true)]
    internal static partial int SchedSetAffinity(int pid, nuint cpuSetSizeBytes, ulong* mask);

    /// <summary>sched_getaffinity(2); pid 0 means the calling thread.</summary>
    [LibraryImport(LibraryName, EntryPoint = "sched_getaffinity", SetLastError = true)]
    internal static partial int SchedGetAffinity(int pid, nuint cpuSetSizeBytes, ulong* mask);

    /// <summary>sched_getcpu(3): the CPU the calling thread runs on now.</summary>
    [LibraryImport(LibraryName, EntryPoint = "sched_getcpu", SetLastError = true)]
    internal static partial int SchedGetCpu();

    /// <summary>gettid(2): the kernel thread id, as in /proc/self/task/TID.</summary>
    [LibraryImport(LibraryName, EntryPoint = "gettid")]
    internal static partial int GetTid();

    /// <summary>clock_nanosleep(2): sleeps on <paramref name="clockId"/> until or for <paramref name="request"/>; returns 0 or an errno.</summary>
    [LibraryImport(LibraryName, EntryPoint = "clock_nanosleep")]
    internal static partial int ClockNanosleep(int clockId, int flags, Timespec* request, Timespec* remain);

    /// <summary>clock_gettime(2); 0 or -1 with errno.</summary>
    [LibraryImport(LibraryName, EntryPoint = "clock_gettime", SetLastError = true)]
    internal static partial int ClockGetTime(int clockId, Timespec* time);

    /// <summary>struct timespec on 64-bit Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
