using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CommandLine;
using LoopBench.Cli.Terminal;
using LoopBench.Core;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;

namespace LoopBench.Cli.Verbs;

/// <summary>
/// iperf3's shorthand letters on <c>quick</c>: -u, -4/-6, -A and -f. Each maps onto a case parameter
/// (or the output unit); a letter that contradicts an explicit flag is a usage error, never a silent winner.
/// </summary>
internal sealed partial class QuickOptions
{
    [Option('u', "udp", HelpText = "UDP: udp4, or udp6 with -6 or -B ::1 (iperf3 -u).")]
    public bool Udp { get; set; }

    [Option('4', "ipv4", HelpText = "IPv4: tcp4, or udp4 with -u (iperf3 -4).")]
    public bool IPv4 { get; set; }

    [Option('6', "ipv6", HelpText = "IPv6: tcp6, or udp6 with -u (iperf3 -6).")]
    public bool IPv6 { get; set; }

    [Option('A', "affinity", HelpText = "N[,M]: pin the client end to CPU N and the server end to CPU M; with N alone the server stays unpinned (iperf3 -A). Blocking engine only; a CPU this process may not use skips the case.")]
    public string? Affinity { get; set; }

    [Option('f', "format", HelpText = "Bitrate unit of the interval lines and the table: k, m, g (Kbit/s, Mbit/s, Gbit/s) or K, M, G (KiB/s, MiB/s, GiB/s), as iperf3 -f. Default: g.")]
    public string? Format { get; set; }

    /// <summary>
    /// Spells -4 and -6 as --ipv4 and --ipv6: CommandLineParser reads a dash and a digit as a negative
    /// number, never as a short option. After "--" everything stays a value.
    /// </summary>
    public static string[] Normalize(string[] args)
    {
        if (args.Length == 0 || args[0] != "quick")
        {
            return args;
        }

        int dashDash = Array.IndexOf(args, "--");
        return [.. args.Select((a, i) => dashDash >= 0 && i > dashDash ? a : a switch { "-4" => "--ipv4", "-6" => "--ipv6", _ => a })];
    }

    /// <summary>The -f unit; Gbit/s when -f is not given.</summary>
    public RateUnit RateUnit() =>
        Format is null ? Terminal.RateUnit.Gbit
        : RateUnits.TryParse(Format, out var unit) ? unit
        : throw new UsageException($"-f/--format: unknown unit '{Format}'; use {RateUnits.Letters}");

    /// <summary>
    /// The transport as (flag, id): --transport as given, or the one -u, -4, -6 (and -B's family, with -u) pick;
    /// null when none of them is given. Throws <see cref="UsageException"/> when they contradict each other.
    /// </summary>
    private (string Flag, string? Value) TransportChoice()
    {
        if (IPv4 && IPv6)
        {
            throw new UsageException("-4 and -6 contradict each other; give one");
        }

        string? letters = string.Concat(Udp ? "-u " : string.Empty, IPv4 ? "-4 " : string.Empty, IPv6 ? "-6 " : string.Empty).Trim();
        if (letters.Length == 0)
        {
            return ("--transport", Transport);
        }

        int? family = IPv4 ? 4 : IPv6 ? 6 : null;
        int? bindFamily = FamilyOf(Bind);
        if (family is int f && bindFamily is int b && f != b)
        {
            throw new UsageException($"-{f} contradicts -B/--bind {Bind}, an IPv{b} address; drop one or use -{b}");
        }

        if (Transport is not null)
        {
            CheckAgainstTransport(letters, family);
            return ("--transport", Transport);
        }

        string wanted = (Udp ? "udp" : "tcp") + (family ?? bindFamily ?? 4).ToString(CultureInfo.InvariantCulture);
        return (letters.Replace(' ', '/'), wanted);
    }

    /// <summary>-u wants a UDP transport, -4/-6 an IP one of that family; a transport id that is not one is left to the parameter's own error.</summary>
    private void CheckAgainstTransport(string letters, int? family)
    {
        if (!KindNames.TryParse(Transport, out TransportKind given))
        {
            return;
        }

        bool agrees = (!Udp || given.IsUdp()) && (family is null || (given.IsIp() && (given.IsIpv6() ? 6 : 4) == family));
        if (!agrees)
        {
            string picks = Udp && family is null ? "UDP (udp4 or udp6)" : family is int f && !Udp ? $"IPv{f} (tcp{f} or udp{f})" : $"udp{family}";
            throw new UsageException($"{letters} asks for {picks}, but --transport is {given.ToId()}; drop one of them");
        }
    }

    /// <summary>4 or 6 for an address literal; null for none or text that is not one (the bind check reports that).</summary>
    private static int? FamilyOf(string? address) =>
        address is not null && IPAddress.TryParse(address.Trim(), out var ip)
            ? ip.AddressFamily == AddressFamily.InterNetworkV6 ? 6 : 4
            : null;
}
