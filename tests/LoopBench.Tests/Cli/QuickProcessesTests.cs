using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Cli;

public sealed class QuickProcessesTests
{
    [Fact(Timeout = 10_000)]
    public void Quick_ProcessesTwoOverUdp_ExitsTwoNamingWhatIsSupported()
    {
        var (code, _, stderr) = CliHarness.Run("quick", "--processes", "2", "--transport", "udp4", "-t", "100ms");

        Assert.Equal(2, code);
        Assert.Contains("--processes: processes 2 does not support udp4", stderr, StringComparison.Ordinal);
        Assert.Contains("tcp4, tcp6 or unix-stream", stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    [Trait(Traits.Category, Traits.Loopback)]
    public void Quick_ProcessesTwo_TableSaysSo_AndNamesTheChildsServerThread()
    {
        var (code, stdout, stderr) = CliHarness.Run("quick", "--processes", "2", "-t", "300ms", "--warmup", "50ms", "-i", "0");

        Assert.True(code == 0, stderr);
        Assert.Contains("processes=2", stdout, StringComparison.Ordinal);
        Assert.Contains("lb-s0-rx in child pid ", stdout, StringComparison.Ordinal);
        Assert.Contains("lb-s0-rx (child pid ", stdout, StringComparison.Ordinal);
        Assert.Contains("server   processes=2: the server end ran in child pid ", stdout, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    [Trait(Traits.Category, Traits.Loopback)]
    public void Quick_ProcessesTwoWithCongestion_Passes_AndListsBothSidesKnobs()
    {
        Assert.SkipUnless(LoopBench.Core.Transports.KernelNetLimits.Read().CongestionChoices().Contains("cubic"), "cubic is not offered by this kernel");

        var (code, stdout, stderr) = CliHarness.Run("quick", "-C", "cubic", "--processes", "2", "-t", "300ms", "--warmup", "50ms", "-i", "0");

        Assert.True(code == 0, stderr);
        Assert.Contains("client TCP_CONGESTION cubic requested, cubic effective", stdout, StringComparison.Ordinal);
        Assert.Contains("server TCP_CONGESTION cubic requested, cubic effective", stdout, StringComparison.Ordinal);
    }
}
