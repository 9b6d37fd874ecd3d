namespace LoopBench.Core.Measurement;

/// <summary>
/// What else used the CPUs while a repetition ran, from /proc/stat (all CPUs) and /proc/self/stat
/// (this process), as percentages of the host's whole CPU capacity over the repetition.
/// </summary>
/// <param name="StealPercent">Time the hypervisor gave our virtual CPUs to someone else.</param>
/// <param name="OtherCpuPercent">Busy CPU time outside LoopBench and steal: other processes, interrupts, the kernel for others.</param>
/// <param name="SelfCpuPercent">CPU time LoopBench itself used (user + system).</param>
internal sealed record CpuNoise(double StealPercent, double OtherCpuPercent, double SelfCpuPercent);
