using System.Net;
using LoopBench.Core.Capture;
using LoopBench.Core.Results;
using LoopBench.Core.Running;
using LoopBench.Core.Safety;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;
using LoopBench.Tests.Fixtures;

namespace LoopBench.Tests.Core.Capture;

[Trait(Traits.Category, Traits.Loopback)]
public sealed class PacketCaptureTests
{
    private static readonly CaptureScope AnyTcp = new("tcp", null);

    private static bool HasTcpdump => File.Exists("/usr/sbin/tcpdump") || File.Exists("/usr/bin/tcpdump");

    [Fact(Timeout = 10_000)]
    public void Start_WithoutTcpdump_IsSkippedWithTheReason()
    {
        string path = Path.Combine(Path.GetTempPath(), $"lb-{Guid.NewGuid():N}.pcap");
        using var capture = PacketCapture.Start(path, 10, AnyTcp, tcpdumpPath: "/nonexistent/tcpdump");
        var result = capture.Stop();
        Assert.Equal(CaptureOutcome.Skipped, result.Outcome);
        Assert.Contains("capture skipped", result.Reason, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact(Timeout = 10_000)]
    public void Start_ForAUnixTransport_IsRefusedWithTheReason_AndStartsNothing()
    {
        using var temp = new TempDirectory();
        string path = Path.Combine(temp.Path, "x.pcap");
        using var capture = PacketCapture.Start(path, 10, CaptureScope.Of(TransportKind.UnixStream, []), tcpdumpPath: "/nonexistent/tcpdump");
        var result = capture.Stop();
        Assert.Equal(CaptureOutcome.Skipped, result.Outcome);
        Assert.Equal("unix-stream traffic never crosses a network device, so tcpdump cannot see it; capture skipped", result.Reason);
        Assert.False(File.Exists(path));
    }

    [Fact(Timeout = 20_000)]
    public void Stop_EndsAToolThatOutlivesTheCase_ByItsPid()
    {
        // A stand-in for a tcpdump that never sees its N packets: it must be stopped, not waited for.
        using var temp = new TempDirectory();
        string fake = Path.Combine(temp.Path, "tcpdump");
        File.WriteAllText(fake, "#!/bin/sh\nexec sleep 30\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var capture = PacketCapture.Start(Path.Combine(temp.Path, "x.pcap"), 5, AnyTcp, tcpdumpPath: fake);
        Assert.Null(capture.SkipReason);
        var started = DateTime.UtcNow;
        var result = capture.Stop();
        Assert.Equal(CaptureOutcome.Failed, result.Outcome);
        Assert.StartsWith("tcpdump wrote no file", result.Reason, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact(Timeout = 20_000)]
    public void Start_WithRealTcpdump_WhenItEndsAtOnceWithItsPackets_ReportsThemWritten()
    {
        // Traffic already flows when tcpdump starts: its 2 packets come within milliseconds and it
        // exits with 0 before the capture would count as started. That is a finished capture.
        Assert.SkipUnless(HasTcpdump, "tcpdump is not installed");
        using var temp = new TempDirectory();
        string path = Path.Combine(temp.Path, "x.pcap");
        using var pair = LoopbackPairs.Tcp4();
        using var stop = new CancellationTokenSource();
        var traffic = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                LoopbackPairs.Move(pair, 1024);
            }
        });
        traffic.Start();
        try
        {
            using var capture = PacketCapture.Start(path, 2, CaptureScope.Of(TransportKind.Tcp4, [pair]));
            var result = capture.Stop();

            Assert.True(result.Outcome == CaptureOutcome.Written, $"{result.Outcome}: {result.Reason}");
            Assert.Equal(2, result.Packets);
            Assert.Equal(new FileInfo(path).Length, result.FileBytes);
        }
        finally
        {
            stop.Cancel();
            Assert.True(traffic.Join(TimeSpan.FromSeconds(10)));
        }
    }

    [Fact(Timeout = 20_000)]
    public void RunnerCase_CapturesOnlyItsOwnTraffic_IntoAFileOwnedByTheCaller()
    {
        Assert.SkipUnless(HasTcpdump, "tcpdump is not installed");
        using var temp = new TempDirectory();
        using var noise = LoopbackPairs.Tcp4(); // unrelated TCP traffic on lo throughout the case
        int noisePort = ((IPEndPoint)noise.Server.LocalEndPoint!).Port;
        using var stop = new CancellationTokenSource();
        var traffic = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                LoopbackPairs.Move(noise, 1024);
                Thread.Sleep(1);
            }
        });
        traffic.Start();
        CaseResult result;
        try
        {
            var c = new Case { Pattern = PatternKind.Rr, DurationMs = 300, WarmupMs = 100, IntervalMs = 0, CapturePackets = 20 };
            result = new Runner(new RunnerOptions { CaptureDirectory = temp.Path }).RunCase(c, cancellation: TestContext.Current.CancellationToken);
        }
        finally
        {
            stop.Cancel();
            Assert.True(traffic.Join(TimeSpan.FromSeconds(10)));
        }

        Assert.Equal(CaseOutcome.Passed, result.Outcome);
        var capture = Assert.Single(result.Repetitions).Capture!;
        Assert.True(capture.Outcome == CaptureOutcome.Written, $"{capture.Outcome}: {capture.Reason}");
        var ports = PcapPorts.Read(capture.Path!);
        Assert.Equal(capture.Packets, ports.Count);
        Assert.InRange(ports.Count, 1, 20);
        Assert.DoesNotContain(ports, p => p.Source == noisePort || p.Destination == noisePort);
        int[] firstPorts = [ports[0].Source, ports[0].Destination];
        int serverPort = Assert.Single(firstPorts, p => capture.Filter!.Contains($"port {p})", StringComparison.Ordinal));
        Assert.All(ports, p => Assert.True(p.Source == serverPort || p.Destination == serverPort, $"{p} is not the case's"));
        Assert.Equal(PathStatus.EffectiveUid, PathStatus.Of(capture.Path!)!.OwnerUid);
    }
}
