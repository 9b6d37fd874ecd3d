namespace LoopBench.Core.Results;

/// <summary>
/// processes: 2: the child LoopBench process that ran the server end, and how its window sat
/// against the parent's. Both windows are Stopwatch (CLOCK_MONOTONIC) readings of one host.
/// </summary>
/// <param name="Pid">The child's pid.</param>
/// <param name="ElapsedNs">T1 − T0 of the child's own window: the server end's figures are over it.</param>
/// <param name="OpenLagNs">Child T0 − parent T0: the control pipe's latency when the window opened.</param>
/// <param name="CloseLagNs">Child T1 − parent T1 (negative: the child closed first).</param>
/// <param name="ProcessUserUs">The child's user CPU over its window (getrusage).</param>
/// <param name="ProcessSystemUs">The child's system CPU over its window.</param>
internal sealed record ServerChildResult(int Pid, long ElapsedNs, long OpenLagNs, long CloseLagNs, long ProcessUserUs, long ProcessSystemUs);
