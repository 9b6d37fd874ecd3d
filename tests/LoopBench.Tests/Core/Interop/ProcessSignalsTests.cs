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

    [Fact]
    public void ParentDeathSignal_IsSetReadBackAndCleared()
    {
        const int sigUrg = 23; // ignored by default: should the parent's thread exit meanwhile, nothing happens
        int previous = ProcessSignals.ParentDeathSignal();
        Assert.True(previous >= 0);
        try
        {
            Assert.True(ProcessSignals.SetParentDeathSignal(sigUrg));
            Assert.Equal(sigUrg, ProcessSignals.ParentDeathSignal());
        }
        finally
        {
            ProcessSignals.SetParentDeathSignal(previous);
        }

        Assert.Equal(previous, ProcessSignals.ParentDeathSignal());
        Assert.True(ProcessSignals.ParentProcessId() > 0);
    }

    [Fact]
    public void SetDisposition_IgnoresAndRestoresASignal_AsProcStatusShows()
    {
        const int sigUrg = 23; // default action is "ignore", so toggling it cannot hurt the test host
        nint? previous = ProcessSignals.SetDisposition(sigUrg, ProcessSignals.Ignore);
        Assert.NotNull(previous);
        try
        {
            Assert.True(ProcessSignals.IsIgnored(sigUrg));
            Assert.True(ProcessSignals.StopIgnoring(sigUrg));
            Assert.False(ProcessSignals.IsIgnored(sigUrg));
            Assert.False(ProcessSignals.StopIgnoring(sigUrg)); // not ignored: left alone
            Assert.Equal(ProcessSignals.Default, ProcessSignals.SetDisposition(sigUrg, ProcessSignals.Default));
        }
        finally
        {
            ProcessSignals.SetDisposition(sigUrg, previous!.Value);
        }

        Assert.Null(ProcessSignals.SetDisposition(9, ProcessSignals.Ignore)); // SIGKILL cannot be ignored: EINVAL
    }
}
