using System.Net;
using LoopBench.Core.Capture;
using LoopBench.Core.Transports;

namespace LoopBench.Tests.Core.Capture;

public sealed class CaptureScopeTests
{
    [Fact]
    public void FilterFor_MatchesEachServerEndpointInBothDirections()
    {
        var filter = CaptureScope.FilterFor(TransportKind.Tcp4, [new IPEndPoint(IPAddress.Loopback, 40123), new IPEndPoint(IPAddress.Loopback, 40124)]);
        Assert.Equal(
            "tcp and ((src host 127.0.0.1 and src port 40123) or (dst host 127.0.0.1 and dst port 40123)"
            + " or (src host 127.0.0.1 and src port 40124) or (dst host 127.0.0.1 and dst port 40124))",
            filter);
        Assert.StartsWith("udp and ((src host ::1 and src port 9)", CaptureScope.FilterFor(TransportKind.Udp6, [new IPEndPoint(IPAddress.IPv6Loopback, 9)]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TransportKind.UnixStream)]
    [InlineData(TransportKind.UnixSeqpacket)]
    [InlineData(TransportKind.UnixDgram)]
    public void Of_AUnixTransport_IsRefusedWithTheReason(TransportKind transport)
    {
        var scope = CaptureScope.Of(transport, []);
        Assert.Null(scope.Filter);
        Assert.Contains("never crosses a network device", scope.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_AnIpCaseWithoutAKnownEndpoint_IsRefusedWithTheReason()
    {
        var scope = CaptureScope.Of(TransportKind.Tcp4, [new object()]);
        Assert.Null(scope.Filter);
        Assert.Contains("ports are not known", scope.Refusal, StringComparison.Ordinal);
    }
}
