using System.Runtime.InteropServices;

namespace LoopBench.Core.Interop;

/// <summary>
/// kill(2), to hand a sandbox child SIGINT (abandon the case) without killing it outright, and
/// signal(2), so the child hears that SIGINT even when it inherited SIGINT ignored (a parent started
/// in the background of a script, or under nohup).
/// </summary>
internal static unsafe partial class ProcessSignals
{
    /// <summary>SIGHUP: the controlling terminal (or ssh session) went away.</summary>
    public const int SigHup = 1;

    /// <summary>SIGINT: the child abandons its case and reports what it measured.</summary>
    public const int SigInt = 2;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when it failed (e.g. the process is gone).</summary>
    public static bool Send(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>SIG_DFL and SIG_IGN, the two dispositions that are not handlers.</summary>
    public const nint Default = 0;

    /// <inheritdoc cref="Default"/>
    public const nint Ignore = 1;

    private const nint Error = -1;

    /// <summary>Sets the disposition of <paramref name="signal"/>; returns the previous one, or null when rejected (EINVAL).</summary>
    public static nint? SetDisposition(int signal, nint disposition)
    {
        nint previous = SignalDisposition(signal, disposition);
        return previous == Error ? null : previous;
    }

    /// <summary>
    /// Puts an inherited SIG_IGN of <paramref name="signal"/> back to SIG_DFL; a handler the runtime
    /// already installed is left alone. True when the signal was ignored and no longer is.
    /// </summary>
    public static bool StopIgnoring(int signal) => IsIgnored(signal) && SetDisposition(signal, Default) is not null;

    /// <summary>Whether <paramref name="signal"/> is ignored, from the SigIgn mask of /proc/self/status.</summary>
    public static bool IsIgnored(int signal) =>
        ProcStatus.MaskHasBit(ProcStatus.StatusField(File.ReadAllText("/proc/self/status"), "SigIgn:"), signal - 1);

    /// <summary>SIGKILL.</summary>
    public const int SigKill = 9;

    private const int PrSetPdeathsig = 1;
    private const int PrGetPdeathsig = 2;

    /// <summary>
    /// prctl(PR_SET_PDEATHSIG): this process gets <paramref name="signal"/> when the thread that started
    /// it exits (a server child dies with its parent's coordinator, even after kill -9). False when refused.
    /// </summary>
    public static bool SetParentDeathSignal(int signal) => Prctl(PrSetPdeathsig, (nuint)signal, 0, 0, 0) == 0;

    /// <summary>prctl(PR_GET_PDEATHSIG): the signal set by <see cref="SetParentDeathSignal"/>, 0 when none, -1 on error.</summary>
    public static int ParentDeathSignal()
    {
        int signal = 0;
        return Prctl(PrGetPdeathsig, (nuint)(&signal), 0, 0, 0) == 0 ? signal : -1;
    }

    /// <summary>getppid(2): the parent's pid (1, or a subreaper's, once the parent is gone).</summary>
    public static int ParentProcessId() => GetParentPid();

    [LibraryImport("libc.so.6", EntryPoint = "prctl", SetLastError = true)]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc.so.6", EntryPoint = "getppid")]
    private static partial int GetParentPid();

    [LibraryImport("libc.so.6", EntryPoint = "signal", SetLastError = true)]
    private static partial nint SignalDisposition(int signal, nint handler);

    [LibraryImport("libc.so.6", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
