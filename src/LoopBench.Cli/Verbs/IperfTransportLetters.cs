using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LoopBench.Core;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;

namespace LoopBench.Cli.Verbs;

/// <summary>
/// The transport iperf3's letters -u, -4 and -6 pick on <c>quick</c>, checked against --transport and
/// -B's address family: a letter that contradicts an explicit flag is a usage error, never a silent winner.
/// </summary>
internal static class IperfTransportLetters
{
    /// <summary>
    /// The transport as (flag, id): --transport as given, or the one -u, -4, -6 (and -B's family, with -u) pick;
    /// null when none of them is given. Throws <see cref="UsageException"/> when they contradict each other.
    /// </summary>
    public static (string Flag, string? Value) Choose(bool udp, bool ipv4, bool ipv6, string? bind, string? transport)
    {
        if (ipv4 && ipv6)
        {
            throw new UsageException("-4 and -6 contradict each other; give one");
        }

        string? letters = string.Concat(udp ? "-u " : string.Empty, ipv4 ? "-4 " : string.Empty, ipv6 ? "-6 " : string.Empty).Trim();
        if (letters.Length == 0)
        {
            return ("--transport", transport);
        }

        int? family = ipv4 ? 4 : ipv6 ? 6 : null;
        int? bindFamily = FamilyOf(bind);
        if (family is int f && bindFamily is int b && f != b)
        {
            throw new UsageException($"-{f} contradicts -B/--bind {bind}, an IPv{b} address; drop one or use -{b}");
        }

        if (transport is not null)
        {
            CheckAgainstTransport(letters, udp, family, transport);
            return ("--transport", transport);
        }

        string wanted = (udp ? "udp" : "tcp") + (family ?? bindFamily ?? 4).ToString(CultureInfo.InvariantCulture);
        return (letters.Replace(' ', '/'), wanted);
    }

    /// <summary>-u wants a UDP transport, -4/-6 an IP one of that family; a transport id that is not one is left to the parameter's own error.</summary>
    private static void CheckAgainstTransport(string letters, bool udp, int? family, string transport)
    {
        if (!KindNames.TryParse(transport, out TransportKind given))
        {
            return;
        }

        bool agrees = (!udp || given.IsUdp()) && (family is null || (given.IsIp() && (given.IsIpv6() ? 6 : 4) == family));
        if (!agrees)
        {
            string picks = udp && family is null ? "UDP (udp4 or udp6)" : family is int f && !udp ? $"IPv{f} (tcp{f} or udp{f})" : $"udp{family}";
            throw new UsageException($"{letters} asks for {picks}, but --transport is {given.ToId()}; drop one of them");
        }
    }

    /// <summary>4 or 6 for an address literal; null for none or text that is not one (the bind check reports that).</summary>
    private static int? FamilyOf(string? address) =>
        address is not null && IPAddress.TryParse(address.Trim(), out var ip)
            ? ip.AddressFamily == AddressFamily.InterNetworkV6 ? 6 : 4
            : null;
}
