using LoopBench.Core.Scenarios;

namespace LoopBench.Tests.Fixtures;

/// <summary>Short real cases for loopback tests: a fraction of a second each.</summary>
internal static class QuickCases
{
    public static Case Short(Case c) => c with { DurationMs = 300, WarmupMs = 50, IntervalMs = 100 };
}
