namespace LoopBench.Core.Measurement;

/// <summary>
/// CPU used on the host outside the processes under test, and steal, over one window, each as a
/// percentage of ONE CPU (100 = one CPU kept busy; two busy loops read about 200).
/// </summary>
/// <param name="OutsidePercentOfOneCpu">
/// user + nice + system time of all CPUs minus the CPU time of the processes under test. Interrupt
/// and softirq time are left out: loopback traffic's own softirq work is accounted there, not to
/// the processes that caused it, so counting it would flag every window.
/// </param>
/// <param name="StealPercentOfOneCpu">Time the hypervisor gave this guest's CPUs to someone else.</param>
public sealed record HostLoad(double OutsidePercentOfOneCpu, double StealPercentOfOneCpu);
