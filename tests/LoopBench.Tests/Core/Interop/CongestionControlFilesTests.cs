using LoopBench.Core.Interop;

namespace LoopBench.Tests.Core.Interop;

public sealed class CongestionControlFilesTests
{
    [Fact(Timeout = 10_000)]
    public void Lists_AreReadFromTheGivenProcRoot_WordByWord_AndEmptyWhenMissing()
    {
        string root = Directory.CreateTempSubdirectory("lb-cc-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "sys/net/ipv4"));
            File.WriteAllText(Path.Combine(root, "sys/net/ipv4/tcp_available_congestion_control"), "reno cubic\tbbr\n");

            Assert.Equal(["reno", "cubic", "bbr"], CongestionControlFiles.Available(root));
            Assert.Empty(CongestionControlFiles.Allowed(root));

            File.WriteAllText(Path.Combine(root, "sys/net/ipv4/tcp_allowed_congestion_control"), "reno bbr\n");
            Assert.Equal(["reno", "bbr"], CongestionControlFiles.Allowed(root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact(Timeout = 10_000)]
    public void ThisHost_OffersReno()
    {
        Assert.Contains("reno", CongestionControlFiles.Available()); // built into every kernel, never a module
    }
}
