namespace LoopBench.Core.Measurement;

/// <summary>
/// CPU used on the host outside the processes under test, and steal, over one window, each as a
/// percentage of ONE CPU (100 = one CPU kept busy; two busy loops read about 200).
/// </summary>
/// <param name="OutsidePercentOfOneCpu">
/// user + nice + system time of all CPUs minus the CPU time of the processes under test. Interrupt
/// and softirq time are left out: loopback traffic's own softirq work is accounted there, not to
/// the processes that caused it, so counting it would flag every window. On kernels without
/// IRQ_TIME_ACCOUNTING (tick accounting) the softirq run in a tested process's context is charged to
/// that process too, so the difference reads below zero (−35 % on a 2-vCPU loopback TCP stream) and
/// is clamped: outside load up to that much can go unseen there; heavy load (two busy loops read
/// about 150 % beside a stream) still shows.
/// </param>
/// <param name="StealPercentOfOneCpu">Time the hypervisor gave this guest's CPUs to someone else.</param>
internal sealed record HostLoad(double OutsidePercentOfOneCpu, double StealPercentOfOneCpu);
