using System.Net;
using System.Net.Sockets;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Hardening;

/// <summary>crr's listener stays open for the whole window: strangers that connect to it are closed unread and counted.</summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class CrrStrayTests
{
    [Fact(Timeout = 30_000)]
    public async Task SilentStrays_DuringCrr_AreClosedCountedAndNeverServed()
    {
        Socket? listener = null;
        var strays = new List<Socket>();
        var hook = (TransportOptions o) => o with { ConfigureListener = s => listener = s };
        var runner = new Runner(new RunnerOptions { TransportHook = hook });
        var c = new Case { Pattern = PatternKind.Crr, DurationMs = 1_500, WarmupMs = 200, IntervalMs = 0 };
        var planting = Task.Run(() =>
        {
            IPEndPoint? at = null;
            while ((at = Volatile.Read(ref listener)?.LocalEndPoint as IPEndPoint) is null || at.Port == 0)
            {
                Thread.Sleep(5); // the hook sees the listener before it is bound
            }

            for (int i = 0; i < 3; i++)
            {
                Thread.Sleep(300); // inside the window
                var stray = new Socket(at.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                stray.Connect(at); // says nothing: it must not hold the server up
                strays.Add(stray);
            }
        }, TestContext.Current.CancellationToken);

        var result = runner.RunCase(c, cancellation: TestContext.Current.CancellationToken);
        await planting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.True(result.Outcome == Outcomes.Passed, result.Reason);
        var m = Assert.Single(result.Repetitions).Metrics;
        Assert.Equal(3, m[MetricIds.StrayConnections]);
        Assert.True(m[MetricIds.Transactions] > 100, $"{m[MetricIds.Transactions]} transactions: the silent strays stalled the server");
        Assert.All(strays, s =>
        {
            s.ReceiveTimeout = 5_000;
            int read;
            try
            {
                read = s.Receive(new byte[1]);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
            {
                read = 0;
            }

            Assert.Equal(0, read); // closed by the server, never answered
            s.Dispose();
        });
    }
}
