using System.Globalization;
using System.Net;
using System.Text;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Capture;

/// <summary>
/// What a capture of one case may record: a BPF filter that matches only the case's own packets
/// (to or from one of its server endpoints), or why there is nothing to capture.
/// </summary>
/// <param name="Filter">The tcpdump filter expression; null when <paramref name="Refusal"/> says why not.</param>
/// <param name="Refusal">Why this case cannot be captured; null when it can.</param>
internal sealed record CaptureScope(string? Filter, string? Refusal)
{
    /// <summary>
    /// The scope of a case over <paramref name="transport"/> whose sockets are among
    /// <paramref name="resources"/> (its pairs and listeners, found by type; anything else is passed over).
    /// </summary>
    /// <remarks>
    /// A server endpoint names the case's traffic in both directions, and stays the same for
    /// every connection (crr connects from a new client port each time). Non-first IP fragments
    /// carry no port and are not matched: on lo they only occur with an MTU below the datagram size.
    /// </remarks>
    public static CaptureScope Of(TransportKind transport, IEnumerable<object> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        if (!transport.IsIp())
        {
            return new CaptureScope(null, $"{transport.ToId()} traffic never crosses a network device, so tcpdump cannot see it");
        }

        var servers = resources
            .Select(r => r switch
            {
                ConnectedPair pair => pair.Server.LocalEndPoint,
                LoopbackListener listener => listener.EndPoint,
                _ => null,
            })
            .OfType<IPEndPoint>()
            .Distinct()
            .ToList();
        return servers.Count == 0
            ? new CaptureScope(null, "the case's ports are not known in this process (its server end runs in a child)")
            : new CaptureScope(FilterFor(transport, servers), null);
    }

    /// <summary>
    /// "tcp and ((src host 127.0.0.1 and src port 40123) or (dst host 127.0.0.1 and dst port 40123))",
    /// with one such pair of terms per server endpoint.
    /// </summary>
    internal static string FilterFor(TransportKind transport, IReadOnlyList<IPEndPoint> servers)
    {
        var filter = new StringBuilder(transport.IsTcp() ? "tcp and (" : "udp and (");
        for (int i = 0; i < servers.Count; i++)
        {
            var s = servers[i];
            string host = s.Address.ToString();
            string port = s.Port.ToString(CultureInfo.InvariantCulture);
            filter.Append(i == 0 ? string.Empty : " or ")
                .Append("(src host ").Append(host).Append(" and src port ").Append(port)
                .Append(") or (dst host ").Append(host).Append(" and dst port ").Append(port).Append(')');
        }

        return filter.Append(')').ToString();
    }
}
