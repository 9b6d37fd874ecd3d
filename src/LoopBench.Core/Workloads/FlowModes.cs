namespace LoopBench.Core.Workloads;

/// <summary>How a bidirectional flow uses sockets.</summary>
public enum BidirMode
{
    /// <summary>One socket pair per direction (iperf3 --bidir).</summary>
    TwoSockets,

    /// <summary>Both directions over one socket pair, a sender and a receiver thread on each end.</summary>
    Shared,
}

/// <summary>Who closes a crr connection, and how.</summary>
public enum CloseMode
{
    /// <summary>The client closes first (TIME_WAIT lands on the client).</summary>
    Client,

    /// <summary>The server closes first after its response (TIME_WAIT lands on the server).</summary>
    Server,

    /// <summary>The client aborts with SO_LINGER 0: an RST, no TIME_WAIT.</summary>
    Rst,
}

/// <summary>Which way a flow's bytes go.</summary>
public enum FlowDirection
{
    /// <summary>Client sends, server receives.</summary>
    ClientToServer,

    /// <summary>Server sends, client receives.</summary>
    ServerToClient,
}
