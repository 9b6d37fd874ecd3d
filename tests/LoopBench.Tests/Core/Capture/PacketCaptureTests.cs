using LoopBench.Core.Capture;

namespace LoopBench.Tests.Core.Capture;

public sealed class PacketCaptureTests
{
    [Fact(Timeout = 10_000)]
    public void Start_WithoutTcpdump_IsSkippedWithTheReason()
    {
        string path = Path.Combine(Path.GetTempPath(), $"lb-{Guid.NewGuid():N}.pcap");
        using var capture = PacketCapture.Start(path, 10, tcpdumpPath: "/nonexistent/tcpdump");
        var result = capture.Stop();
        Assert.Equal("skipped", result.Outcome);
        Assert.Contains("capture skipped", result.Reason, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact(Timeout = 20_000)]
    public void Stop_EndsAToolThatOutlivesTheCase_ByItsPid()
    {
        // A stand-in for a tcpdump that never sees its N packets: it must be stopped, not waited for.
        string dir = Directory.CreateTempSubdirectory("lb-capture-").FullName;
        try
        {
            string fake = Path.Combine(dir, "tcpdump");
            File.WriteAllText(fake, "#!/bin/sh\nexec sleep 30\n");
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            using var capture = PacketCapture.Start(Path.Combine(dir, "x.pcap"), 5, tcpdumpPath: fake);
            Assert.Null(capture.SkipReason);
            var started = DateTime.UtcNow;
            var result = capture.Stop();
            Assert.Equal("failed", result.Outcome);
            Assert.Equal("tcpdump wrote no file", result.Reason);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact(Timeout = 20_000)]
    public void Start_WithRealTcpdump_WritesThePcap()
    {
        Assert.SkipUnless(File.Exists("/usr/sbin/tcpdump") || File.Exists("/usr/bin/tcpdump"), "tcpdump is not installed");
        string path = Path.Combine(Path.GetTempPath(), $"lb-{Guid.NewGuid():N}.pcap");
        try
        {
            using var capture = PacketCapture.Start(path, 2);
            using (var pair = Fixtures.LoopbackPairs.Tcp4())
            {
                Fixtures.LoopbackPairs.Move(pair, 4096);
            }

            Assert.Equal("written", capture.Stop().Outcome);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
