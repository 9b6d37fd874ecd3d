namespace LoopBench.Core.Workloads;

/// <summary>Which side of the connection an end is; placement pins by role.</summary>
internal enum EndRole
{
    /// <summary>The connecting side.</summary>
    [Id("client")]
    Client,

    /// <summary>The accepting side.</summary>
    [Id("server")]
    Server,
}
