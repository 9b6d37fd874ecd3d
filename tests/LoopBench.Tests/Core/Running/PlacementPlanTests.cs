using LoopBench.Core;
using LoopBench.Core.Engines;
using LoopBench.Core.Running;

namespace LoopBench.Tests.Core.Running;

public sealed class PlacementPlanTests
{
    [Fact]
    public void SameCpu_AndSplit_UseTheAllowedCpus()
    {
        Assert.True(PlacementPlan.TryCreate(PlacementKind.SameCpu, [2, 5], out var same, out _));
        Assert.Equal((2, 2), (same.CpuFor(EndRole.Client), same.CpuFor(EndRole.Server)));
        Assert.True(PlacementPlan.TryCreate(PlacementKind.Split, [2, 5], out var split, out _));
        Assert.Equal((2, 5), (split.CpuFor(EndRole.Client), split.CpuFor(EndRole.Server)));
        Assert.True(PlacementPlan.TryCreate(PlacementKind.Unpinned, [0], out var free, out _));
        Assert.Null(free.CpuFor(EndRole.Client));
    }

    [Fact]
    public void Split_OnOneCpu_IsRefusedWithAReason()
    {
        Assert.False(PlacementPlan.TryCreate(PlacementKind.Split, [3], out _, out string reason));
        Assert.Contains("[3]", reason, StringComparison.Ordinal);
    }
}
