using System.Net;
using System.Net.Sockets;
using LoopBench.Core.Transports;

namespace LoopBench.Tests.Fixtures;

/// <summary>Connected pairs and short traffic for socket-level loopback tests.</summary>
internal static class LoopbackPairs
{
    public static ConnectedPair Tcp4() =>
        LoopbackConnector.Connect(new TransportOptions(TransportKind.Tcp4, IPAddress.Loopback), TimeSpan.FromSeconds(10));

    /// <summary>A connected pair of <paramref name="transport"/> at its default loopback address.</summary>
    public static ConnectedPair Of(TransportKind transport) =>
        LoopbackConnector.Connect(new TransportOptions(transport, transport.IsIp() ? IPAddress.Parse(transport.DefaultAddress()) : null), TimeSpan.FromSeconds(5));

    public static ConnectedPair UnixStream() =>
        LoopbackConnector.Connect(new TransportOptions(TransportKind.UnixStream, null), TimeSpan.FromSeconds(10));

    /// <summary>Sends <paramref name="bytes"/> client → server while a thread drains the server; returns bytes received.</summary>
    public static long Move(ConnectedPair pair, int bytes)
    {
        long received = 0;
        var reader = new Thread(() =>
        {
            var buffer = new byte[64 * 1024];
            while (received < bytes)
            {
                int n = pair.Server.Receive(buffer);
                if (n <= 0)
                {
                    return;
                }

                received += n;
            }
        });
        reader.Start();
        var chunk = new byte[64 * 1024];
        for (int sent = 0; sent < bytes; sent += chunk.Length)
        {
            pair.Client.Send(chunk.AsSpan(0, Math.Min(chunk.Length, bytes - sent)));
        }

        Assert.True(reader.Join(TimeSpan.FromSeconds(10)), "receiver did not finish");
        return received;
    }

    public static void SkipIfNoIpv6()
    {
        Assert.SkipUnless(Socket.OSSupportsIPv6 && File.Exists("/proc/net/if_inet6") && File.ReadAllText("/proc/net/if_inet6").Contains(" lo", StringComparison.Ordinal), "IPv6 disabled on lo");
    }
}
