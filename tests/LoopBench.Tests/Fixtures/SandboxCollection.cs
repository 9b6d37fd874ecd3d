namespace LoopBench.Tests.Fixtures;

/// <summary>
/// Sandbox tests that measure (tbf goodput, qdisc drops) run one at a time and apart from the
/// parallel tests: on a 2-core host a concurrent test would steal the CPU the shaper's rate needs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SandboxCollection
{
    public const string Name = "Sandbox (serial)";
}
