namespace LoopBench.Tests.Fixtures;

/// <summary>Test tiers (STYLE §11): no trait for pure logic; these for the rest.</summary>
internal static class Traits
{
    public const string Category = "Category";

    /// <summary>Real sockets on loopback, each under a second or so.</summary>
    public const string Loopback = "Loopback";

    /// <summary>Network namespaces and sysctls.</summary>
    public const string Sandbox = "Sandbox";

    /// <summary>Statistical simulations, and tests that start a LoopBench child process.</summary>
    public const string Slow = "Slow";
}
