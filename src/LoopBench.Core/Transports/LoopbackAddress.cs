using System.Net;
using System.Net.Sockets;

namespace LoopBench.Core.Transports;

/// <summary>
/// The loopback-only rule: servers bind 127.0.0.0/8 or ::1 and nothing else. Host names are
/// resolved (from /etc/hosts here) and accepted only when every address they give is loopback.
/// </summary>
internal static class LoopbackAddress
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Parses <paramref name="text"/> for <paramref name="transport"/>, or explains why it is refused.
    /// Called before any socket is opened.
    /// </summary>
    public static bool TryResolve(string text, TransportKind transport, out IPAddress address, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        address = IPAddress.None;
        error = string.Empty;
        AddressFamily family = transport.IsIpv6() ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        string trimmed = text.Trim().TrimStart('[').TrimEnd(']');
        IPAddress[] candidates;
        if (IPAddress.TryParse(trimmed, out IPAddress? literal))
        {
            candidates = [literal];
        }
        else
        {
            try
            {
                var lookup = Dns.GetHostAddressesAsync(trimmed);
                if (!lookup.Wait(ResolveTimeout))
                {
                    error = $"'{text}' did not resolve within {ResolveTimeout.TotalSeconds:0} s; give a loopback address such as 127.0.0.1 or ::1";
                    return false;
                }

                candidates = lookup.Result;
            }
            catch (AggregateException ex) when (ex.InnerException is SocketException)
            {
                error = $"'{text}' does not resolve; give a loopback address such as 127.0.0.1 or ::1";
                return false;
            }
        }

        var outside = candidates.FirstOrDefault(a => !IsLoopback(a));
        if (outside is not null || candidates.Length == 0)
        {
            error = $"'{text}' is not a loopback address ({outside}); LoopBench only binds 127.0.0.0/8 or ::1";
            return false;
        }

        var match = candidates.FirstOrDefault(a => a.AddressFamily == family);
        if (match is null)
        {
            error = $"'{text}' has no {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} loopback address for transport {transport.ToId()}";
            return false;
        }

        address = match;
        return true;
    }

    /// <summary>True for 127.0.0.0/8 and ::1 only (not ::, not IPv4-mapped, not 0.0.0.0).</summary>
    public static bool IsLoopback(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => address.GetAddressBytes()[0] == 127,
            AddressFamily.InterNetworkV6 => address.Equals(IPAddress.IPv6Loopback),
            _ => false,
        };
    }
}
