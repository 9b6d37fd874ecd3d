namespace LoopBench.Core.Measurement;

/// <summary>A kernel counter that changed over the window.</summary>
/// <param name="Name">"Group.Name", e.g. "Udp.RcvbufErrors", "TcpExt.TCPBacklogDrop", "softnet.time_squeeze".</param>
/// <param name="Before">Value when the window opened.</param>
/// <param name="After">Value when it closed.</param>
/// <param name="Delta">After − before.</param>
/// <param name="Kind">"counter" (monotonic) or "gauge" (a level, such as sockets in TIME_WAIT).</param>
/// <param name="Meaning">What it counts, in plain words.</param>
internal sealed record CounterDeltaResult(string Name, long Before, long After, long Delta, string Kind, string Meaning);
