namespace LoopBench.Core.Measurement;

/// <summary>
/// <see cref="ICpuSource"/> over /proc: /proc/stat for the host, /proc/self/stat with its reaped
/// children (tool clients, sandbox children) and /proc/PID/stat of each other process under test
/// (a tool's server, with the children it reaped). Parsing is <see cref="ProcStatParsers"/>'.
/// </summary>
internal sealed class ProcCpuSource : ICpuSource
{
    /// <inheritdoc/>
    public CpuSnapshot Read(IReadOnlyList<int> testedPids)
    {
        ArgumentNullException.ThrowIfNull(testedPids);
        string stat = File.ReadAllText("/proc/stat");
        long tested = ProcStatParsers.ParseProcessTicks(File.ReadAllText("/proc/self/stat"), withReapedChildren: true);
        foreach (int pid in testedPids)
        {
            tested += TicksOf(pid);
        }

        return new CpuSnapshot(ProcStatParsers.ParseSystem(stat), Math.Max(1, ProcStatParsers.CountCpus(stat)), tested);
    }

    private static long TicksOf(int pid)
    {
        try
        {
            return ProcStatParsers.ParseProcessTicks(File.ReadAllText($"/proc/{pid}/stat"), withReapedChildren: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0; // gone: its time can no longer be told apart, and the window reads as loaded
        }
    }
}
