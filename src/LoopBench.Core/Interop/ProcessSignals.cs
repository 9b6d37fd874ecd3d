using System.Runtime.InteropServices;

namespace LoopBench.Core.Interop;

/// <summary>kill(2), to hand a sandbox child SIGINT (abandon the case) without killing it outright.</summary>
internal static partial class ProcessSignals
{
    /// <summary>SIGINT: the child abandons its case and reports what it measured.</summary>
    public const int SigInt = 2;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when it failed (e.g. the process is gone).</summary>
    public static bool Send(int pid, int signal) => Kill(pid, signal) == 0;

    [LibraryImport("libc.so.6", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
