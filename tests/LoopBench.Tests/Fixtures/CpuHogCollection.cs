namespace LoopBench.Tests.Fixtures;

/// <summary>
/// Tests that start CPU hogs of their own run alone: on a 2-core host their spinning threads would
/// otherwise slow every test that runs beside them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CpuHogCollection
{
    public const string Name = "CPU hogs (serial)";
}
