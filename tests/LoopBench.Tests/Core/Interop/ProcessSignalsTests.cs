using LoopBench.Core.Interop;

namespace LoopBench.Tests.Core.Interop;

public sealed class ProcessSignalsTests
{
    [Fact]
    public void SignalZero_ProbesALiveProcess_AndFailsForAMissingOne()
    {
        Assert.True(ProcessSignals.Send(Environment.ProcessId, 0));
        Assert.False(ProcessSignals.Send(int.MaxValue, 0)); // ESRCH: above pid_max
    }
}
