namespace LoopBench.Core.Measurement;

/// <summary>The host's CPU counters at one instant, as <see cref="QuietHostGate"/> needs them.</summary>
/// <param name="System">The aggregate "cpu" line of /proc/stat.</param>
/// <param name="CpuCount">CPUs that line sums over.</param>
/// <param name="TestedTicks">CPU time, USER_HZ ticks, of the processes under test (this one with its reaped children, and the given pids).</param>
internal readonly record struct CpuSnapshot(SystemCpuTicks System, int CpuCount, long TestedTicks);

/// <summary>Reads <see cref="CpuSnapshot"/>s; /proc on a real host, scripted values in tests.</summary>
internal interface ICpuSource
{
    /// <summary>The counters now, counting this process and <paramref name="testedPids"/> as under test.</summary>
    CpuSnapshot Read(IReadOnlyList<int> testedPids);
}
