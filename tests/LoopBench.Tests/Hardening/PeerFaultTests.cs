using System.Diagnostics;
using System.Net.Sockets;
using LoopBench.Core.Interop;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Hardening;

/// <summary>
/// The peer misbehaves mid-case, for real: its connection is reset, or it stops answering (a
/// classic BPF filter that drops every packet is attached to the requester's socket, so the
/// responses never arrive). The case fails with the reason, a deadline ends it, and the next case
/// runs as usual.
/// </summary>
[Trait(Traits.Category, Traits.Loopback)]
public sealed class PeerFaultTests
{
    [Fact(Timeout = 30_000)]
    public void ConnectionResetMidCase_FailsTheCaseWithTheReason_AndTheNextCaseRuns()
    {
        var runner = new Runner(new RunnerOptions { TransportHook = o => AfterConnect(o, 150, s =>
        {
            s.LingerState = new LingerOption(true, 0); // close → RST to the peer
            s.Dispose();
        }), DrainTimeout = TimeSpan.FromSeconds(2) });
        var watch = Stopwatch.StartNew();
        // A long window so a late timer on a loaded host still lands inside it; the reset ends the case early.
        var broken = runner.RunCase(QuickCases.Short(new Case { Pattern = PatternKind.Rr }) with { DurationMs = 10_000 }, 2, TestContext.Current.CancellationToken);

        Assert.True(broken.Outcome.IsFailure(), $"{broken.Outcome}: {broken.Reason}");
        Assert.False(string.IsNullOrWhiteSpace(broken.Reason));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"the failed case took {watch.Elapsed}");
        Assert.Equal(CaseOutcome.Passed, new Runner().RunCase(QuickCases.Short(new Case { Pattern = PatternKind.Rr }), cancellation: TestContext.Current.CancellationToken).Outcome);
    }

    [Fact(Timeout = 30_000)]
    public void RrPeerStopsAnswering_ADeadlineEndsTheCase()
    {
        bool? dropping = null;
        Socket? requester = null;
        var runner = new Runner(new RunnerOptions
        {
            DrainTimeout = TimeSpan.FromSeconds(1),
            TransportHook = o => o with
            {
                ConfigureClient = s =>
                {
                    o.ConfigureClient?.Invoke(s);
                    Interlocked.CompareExchange(ref requester, s, null);
                },
            },
        });
        // The fault goes in when the first interval of the window is reported, on the coordinator thread, not
        // on a timer: a late timer on a loaded host could fire after the window (the case then passes) or before it.
        int intervals = 0;
        runner.IntervalCompleted += (_, _, _) =>
        {
            if (Interlocked.Increment(ref intervals) == 1 && Volatile.Read(ref requester) is { } s)
            {
                dropping = DropEverything(s);
            }
        };
        var watch = Stopwatch.StartNew();
        var hung = runner.RunCase(QuickCases.Short(new Case { Pattern = PatternKind.Rr }) with { DurationMs = 1_500 }, cancellation: TestContext.Current.CancellationToken);

        Assert.True(dropping, $"the fault was never injected ({intervals} intervals)");
        Assert.True(hung.Outcome == CaseOutcome.FailedTimeout, $"{hung.Outcome}: {hung.Reason}");
        Assert.Contains("did not stop within", hung.Reason, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"the hung case took {watch.Elapsed}");
        Assert.Equal(CaseOutcome.Passed, new Runner().RunCase(QuickCases.Short(new Case { Pattern = PatternKind.Rr }), cancellation: TestContext.Current.CancellationToken).Outcome);
    }

    /// <summary>Runs <paramref name="fault"/> on the first client socket, <paramref name="delayMs"/> after it was configured (inside the window).</summary>
    private static TransportOptions AfterConnect(TransportOptions options, int delayMs, Action<Socket> fault)
    {
        int done = 0;
        return options with
        {
            ConfigureClient = s =>
            {
                options.ConfigureClient?.Invoke(s);
                if (Interlocked.Exchange(ref done, 1) == 0)
                {
                    _ = Task.Delay(delayMs).ContinueWith(_ => fault(s), TaskScheduler.Default);
                }
            },
        };
    }

    /// <summary>SO_ATTACH_FILTER with the one-instruction program "ret #0": the socket accepts no packet from now on.</summary>
    private static unsafe bool DropEverything(Socket socket)
    {
        ulong dropAll = 0x06; // struct sock_filter { code = BPF_RET | BPF_K, jt = 0, jf = 0, k = 0 }
        Span<byte> program = stackalloc byte[16]; // struct sock_fprog { u16 len; (pad); struct sock_filter *filter; }
        BitConverter.TryWriteBytes(program, (ushort)1);
        BitConverter.TryWriteBytes(program[8..], (ulong)(nint)(&dropAll));
        try
        {
            socket.SetRawSocketOption(SocketOptionNumbers.SolSocket, SocketOptionNumbers.SoAttachFilter, program); // the kernel copies the program here
            return true;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }
}
