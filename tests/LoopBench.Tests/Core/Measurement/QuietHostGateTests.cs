using LoopBench.Core.Measurement;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Measurement;

public sealed class QuietHostGateTests
{
    [Fact(Timeout = 5_000)]
    public void Measure_OutsideAndSteal_ArePercentOfOneCpu()
    {
        // 2 CPUs over 1 s (200 ticks): 30 user + 20 system, of which 40 are the tested processes'; 6 steal
        var before = new CpuSnapshot(new SystemCpuTicks(1000, 500, 5000, 10, 3, 7, 100), 2, 700);
        var after = new CpuSnapshot(new SystemCpuTicks(1030, 520, 5144, 10, 3, 7, 106), 2, 740);
        var load = QuietHostGate.Measure(before, after);
        Assert.Equal(10, load.OutsidePercentOfOneCpu);
        Assert.Equal(6, load.StealPercentOfOneCpu);
    }

    [Fact(Timeout = 5_000)]
    public void Measure_SoftirqAndIrq_AreNotOutsideLoad()
    {
        // loopback traffic's own softirq time lands in the softirq column, not in the process's
        var before = new CpuSnapshot(new SystemCpuTicks(0, 0, 0, 0, 0, 0, 0), 2, 0);
        var after = new CpuSnapshot(new SystemCpuTicks(100, 20, 0, 0, 5, 75, 0), 2, 120);
        Assert.Equal(0, QuietHostGate.Measure(before, after).OutsidePercentOfOneCpu);
    }

    [Fact(Timeout = 5_000)]
    public void Measure_TestedMoreThanTheHostSaw_IsClampedToZero()
    {
        var before = new CpuSnapshot(new SystemCpuTicks(0, 0, 0, 0, 0, 0, 0), 2, 0);
        var after = new CpuSnapshot(new SystemCpuTicks(50, 10, 140, 0, 0, 0, 0), 2, 70);
        Assert.Equal(0, QuietHostGate.Measure(before, after).OutsidePercentOfOneCpu);
    }

    [Theory(Timeout = 5_000)]
    [InlineData(0, 0, false)]
    [InlineData(5, 0, false)]
    [InlineData(5.1, 0, true)]
    [InlineData(0, 5.1, true)]
    [InlineData(180, 0, true)]
    public void IsDisturbed_AboveTheThresholdInEither(double outside, double steal, bool disturbed) =>
        Assert.Equal(disturbed, new QuietHostGate(5).IsDisturbed(new HostLoad(outside, steal)));

    [Fact(Timeout = 5_000)]
    public void WaitForQuiet_QuietHost_ReturnsAfterOneWindow()
    {
        var source = FakeCpuSource.Constant(1);
        var wait = new QuietHostGate().WaitForQuiet(source, [], TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(30), _ => { }, TestContext.Current.CancellationToken);
        Assert.True(wait.IsQuiet);
        Assert.Equal(400, wait.WaitedMs);
        Assert.Equal(1, wait.Last.OutsidePercentOfOneCpu);
    }

    [Fact(Timeout = 5_000)]
    public void WaitForQuiet_HogThatStops_WaitsUntilQuiet()
    {
        var source = new FakeCpuSource(read => read < 6 ? 190 : 0); // two busy loops for three windows
        var wait = new QuietHostGate().WaitForQuiet(source, [], TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(30), _ => { }, TestContext.Current.CancellationToken);
        Assert.True(wait.IsQuiet);
        Assert.Equal(1600, wait.WaitedMs);
    }

    [Fact(Timeout = 5_000)]
    public void WaitForQuiet_HogThatStays_GivesUpAtTheMaximumWait()
    {
        var wait = new QuietHostGate().WaitForQuiet(FakeCpuSource.Constant(190), [], TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(3), _ => { }, TestContext.Current.CancellationToken);
        Assert.False(wait.IsQuiet);
        Assert.Equal(3000, wait.WaitedMs);
        Assert.Equal(190, wait.Last.OutsidePercentOfOneCpu);
    }

    [Fact(Timeout = 5_000)]
    public void ParseProcessTicks_WithReapedChildren_AddsCutimeAndCstime()
    {
        const string stat = "4242 (iperf3 (x)) S 1 4242 4242 0 -1 4194560 300 0 0 0 120 30 7 3 20 0 1 0 100 1000 200 18446744073709551615";
        Assert.Equal(150, ProcStatParsers.ParseProcessTicks(stat, withReapedChildren: false));
        Assert.Equal(160, ProcStatParsers.ParseProcessTicks(stat, withReapedChildren: true));
    }

    [Fact(Timeout = 5_000)]
    public void CountCpus_CountsPerCpuLines() =>
        Assert.Equal(2, ProcStatParsers.CountCpus("cpu  1 2 3 4 5 6 7 8 0 0\ncpu0 1 1 1 1 1 1 1 1 0 0\ncpu1 1 1 1 1 1 1 1 1 0 0\nintr 5\n"));
}
