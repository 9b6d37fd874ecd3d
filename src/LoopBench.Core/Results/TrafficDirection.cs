using LoopBench.Core.Workloads;

namespace LoopBench.Core.Results;

/// <summary>Which way a flow's data goes, as its results name it (a flow's and a flow probe's <c>direction</c>).</summary>
internal enum TrafficDirection
{
    /// <summary>Client sends, server receives.</summary>
    [Id("c2s")]
    ClientToServer,

    /// <summary>Server sends, client receives.</summary>
    [Id("s2c")]
    ServerToClient,

    /// <summary>Requests and responses on one connection.</summary>
    [Id("rr")]
    RequestResponse,

    /// <summary>Both ways on one shared connection (bidir shared).</summary>
    [Id("both")]
    Both,
}

/// <summary>From a one-way flow's direction to its results' name.</summary>
internal static class TrafficDirections
{
    public static TrafficDirection Of(FlowDirection direction) =>
        direction == FlowDirection.ClientToServer ? TrafficDirection.ClientToServer : TrafficDirection.ServerToClient;
}
