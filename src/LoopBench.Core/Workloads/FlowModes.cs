namespace LoopBench.Core.Workloads;

/// <summary>How a bidirectional flow uses sockets.</summary>
// public: test theories take it as a parameter, and xUnit test methods must be public
public enum BidirMode
{
    /// <summary>One socket pair per direction (iperf3 --bidir).</summary>
    [Id("two-sockets")]
    TwoSockets,

    /// <summary>Both directions over one socket pair, a sender and a receiver thread on each end.</summary>
    [Id("shared")]
    Shared,
}

/// <summary>Who closes a crr connection, and how.</summary>
// public: test theories take it as a parameter, and xUnit test methods must be public
public enum CloseMode
{
    /// <summary>The client closes first (TIME_WAIT lands on the client).</summary>
    [Id("client")]
    Client,

    /// <summary>The server closes first after its response (TIME_WAIT lands on the server).</summary>
    [Id("server")]
    Server,

    /// <summary>The client aborts with SO_LINGER 0: an RST, no TIME_WAIT.</summary>
    [Id("rst")]
    Rst,
}

/// <summary>Which way a flow's bytes go.</summary>
internal enum FlowDirection
{
    /// <summary>Client sends, server receives.</summary>
    [Id("client-to-server")]
    ClientToServer,

    /// <summary>Server sends, client receives.</summary>
    [Id("server-to-client")]
    ServerToClient,
}
