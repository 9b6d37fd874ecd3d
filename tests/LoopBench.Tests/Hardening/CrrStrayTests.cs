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

        Assert.True(result.Outcome == CaseOutcome.Passed, result.Reason);
        var m = Assert.Single(result.Repetitions).Metrics;
        Assert.Equal(3, m[MetricIds.StrayConnections]);
        Assert.True(m[MetricIds.Transactions] > 100, $"{m[MetricIds.Transactions]} transactions: the silent strays stalled the server");
        Assert.All(strays, AssertClosedByTheServer);
    }

    [Fact(Timeout = 30_000)]
    public void StraysAsTheWindowCloses_AreClosedAndCounted_AndTheCasePasses()
    {
        // After the last interval line, 15 strangers connect: half close at once, half stay open.
        // The client is held before its next connect from the first interval on, so the strangers
        // are queued ahead of its last connection and the server meets them after T1.
        const int Strays = 15;
        Socket? listener = null;
        int holding = 0;
        using var strangersQueued = new ManualResetEventSlim();
        var open = new List<Socket>();
        var hook = (TransportOptions o) => o with
        {
            ConfigureListener = s => listener = s,
            ConfigureClient = _ =>
            {
                if (Volatile.Read(ref holding) == 1)
                {
                    strangersQueued.Wait(TimeSpan.FromSeconds(5));
                }
            },
        };
        var runner = new Runner(new RunnerOptions { TransportHook = hook, DrainTimeout = TimeSpan.FromSeconds(3) });
        var c = new Case { Pattern = PatternKind.Crr, DurationMs = 600, WarmupMs = 100, IntervalMs = 200 };
        runner.IntervalCompleted += (_, _, sample) =>
        {
            if (sample.StartNs == 0)
            {
                Volatile.Write(ref holding, 1);
                return;
            }

            if (sample.EndNs < (c.DurationMs - (c.IntervalMs / 2)) * 1_000_000)
            {
                return;
            }

            var at = (IPEndPoint)listener!.LocalEndPoint!; // the window has closed
            for (int i = 0; i < Strays; i++)
            {
                var stray = new Socket(at.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                stray.Connect(at);
                if (i % 2 == 0)
                {
                    stray.Dispose();
                }
                else
                {
                    open.Add(stray);
                }
            }

            strangersQueued.Set();
        };

        try
        {
            var result = runner.RunCase(c, cancellation: TestContext.Current.CancellationToken);

            Assert.True(result.Outcome == CaseOutcome.Passed, $"{result.Outcome}: {result.Reason}");
            Assert.True(strangersQueued.IsSet, "the last interval line never came");
            var m = Assert.Single(result.Repetitions).Metrics;
            Assert.Equal(Strays, m[MetricIds.StrayConnections]);
            Assert.True(m[MetricIds.Transactions] > 0, "no transaction in the window");
            Assert.All(open, AssertClosedByTheServer);
        }
        finally
        {
            open.ForEach(s => s.Dispose());
        }
    }

    [Fact(Timeout = 30_000)]
    public void StraysJustAfterTheClientFinished_NeverStallTheCase()
    {
        // The client's last connection goes first; the strangers arrive as it finishes, while the
        // server may still be polling. None may hold the server (a wait per stranger for a client
        // port that never comes would outlast the drain deadline).
        const int Strays = 15;
        Socket? listener = null;
        int holding = 0;
        using var released = new ManualResetEventSlim();
        var open = new List<Socket>();
        var hook = (TransportOptions o) => o with
        {
            ConfigureListener = s => listener = s,
            ConfigureClient = _ =>
            {
                if (Volatile.Read(ref holding) == 1)
                {
                    released.Wait(TimeSpan.FromSeconds(5));
                }
            },
        };
        var runner = new Runner(new RunnerOptions { TransportHook = hook, DrainTimeout = TimeSpan.FromSeconds(3) });
        var c = new Case { Pattern = PatternKind.Crr, DurationMs = 400, WarmupMs = 100, IntervalMs = 200 };
        runner.IntervalCompleted += (_, _, sample) =>
        {
            if (sample.StartNs == 0)
            {
                Volatile.Write(ref holding, 1);
                return;
            }

            var at = (IPEndPoint)listener!.LocalEndPoint!;
            released.Set();
            Thread.Sleep(2); // the client's last transaction takes well under a millisecond
            for (int i = 0; i < Strays; i++)
            {
                var stray = new Socket(at.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                stray.Connect(at);
                open.Add(stray);
            }
        };

        try
        {
            var result = runner.RunCase(c, cancellation: TestContext.Current.CancellationToken);

            Assert.True(result.Outcome == CaseOutcome.Passed, $"{result.Outcome}: {result.Reason}");
            Assert.Equal(Strays, open.Count);
            Assert.All(open, AssertClosedByTheServer); // turned away, or reset with the listener
        }
        finally
        {
            open.ForEach(s => s.Dispose());
        }
    }

    private static void AssertClosedByTheServer(Socket stray)
    {
        stray.ReceiveTimeout = 5_000;
        int read;
        try
        {
            read = stray.Receive(new byte[1]);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            read = 0;
        }

        Assert.Equal(0, read); // closed by the server, never answered
        stray.Dispose();
    }
}
