namespace LoopBench.Core;

/// <summary>Which side of the connection an end, a socket or a knob is; placement pins by role.</summary>
internal enum EndRole
{
    /// <summary>The connecting side.</summary>
    [Id("client")]
    Client,

    /// <summary>The accepting side.</summary>
    [Id("server")]
    Server,
}
