using LoopBench.Core.Interop;
using LoopBench.Core.Measurement;

namespace LoopBench.Tests.Core.Interop;

public sealed class PreciseSleepTests
{
    [Fact(Timeout = 10_000)]
    public void Until_WakesAtOrAfterTheAbsoluteDeadline_AndBelowAMillisecondResolution()
    {
        for (int i = 0; i < 20; i++)
        {
            long deadline = Timestamps.Now() + Timestamps.FromTimeSpan(TimeSpan.FromMicroseconds(200));
            PreciseSleep.Until(deadline);
            long woke = Timestamps.Now();
            Assert.True(woke >= deadline, "woke before the deadline");
            Assert.True(Timestamps.ToNs(woke - deadline) < 500_000_000, "overslept half a second (a 5× margin over the worst scheduler delay seen)");
        }
    }

    [Fact(Timeout = 10_000)]
    public void Until_APastDeadline_ReturnsAtOnce()
    {
        long start = Timestamps.Now();
        PreciseSleep.Until(start - 1_000_000);
        Assert.True(Timestamps.ToNs(Timestamps.Now() - start) < 500_000_000);
    }
}
