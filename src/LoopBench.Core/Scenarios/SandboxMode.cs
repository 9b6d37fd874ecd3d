namespace LoopBench.Core.Scenarios;

/// <summary>Where a case runs (docs/sandbox.md).</summary>
internal enum SandboxMode
{
    /// <summary>In the LoopBench process, in the host's network namespace.</summary>
    [Id("host")]
    Host,

    /// <summary>In a child LoopBench process inside a fresh network namespace of its own.</summary>
    [Id("netns")]
    Netns,
}
