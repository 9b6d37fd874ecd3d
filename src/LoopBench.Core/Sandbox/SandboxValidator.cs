using System.Net;
using System.Net.Sockets;

namespace LoopBench.Core.Sandbox;

/// <summary>
/// Checks sandbox settings before anything runs and collects every error (neper's CHECK style).
/// Policies here are LoopBench's, not the kernel's: the kernel accepts almost any MTU on lo.
/// </summary>
internal static class SandboxValidator
{
    /// <summary>Link-layer header lo adds to each packet (an Ethernet header), counted by tbf and htb.</summary>
    public const int LinkHeaderBytes = 14;

    /// <summary>
    /// Every problem with <paramref name="settings"/>, as (setting, message); empty when valid.
    /// <paramref name="checkHostPermission"/> false leaves out the --allow-host-sysctls check, for a
    /// scenario file read before the run-wide flag and the namespace probe apply (<see cref="Scenarios.SandboxPlan"/>).
    /// </summary>
    public static IReadOnlyList<(string Setting, string Message)> Validate(SandboxSettings settings, bool checkHostPermission = true)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new List<(string, string)>();
        if (settings.LoMtuBytes is int mtu && (mtu < SandboxSettings.MinMtuBytes || mtu > SandboxSettings.MaxMtuBytes))
        {
            errors.Add(("mtu", $"{mtu} B is out of range; LoopBench's policy for lo is {SandboxSettings.MinIpv6MtuBytes}..{SandboxSettings.MaxMtuBytes} B, "
                + $"or {SandboxSettings.MinMtuBytes}..{SandboxSettings.MaxMtuBytes} B for IPv4-only cases"));
        }

        if (settings.TxQueueLenPackets is int qlen && (qlen < 0 || qlen > 1_000_000))
        {
            errors.Add(("txqueuelen", $"{qlen} packets is out of range; use 0..1000000"));
        }

        if (settings.Qdisc is QdiscSpec qdisc)
        {
            errors.AddRange(ValidateQdisc(qdisc, settings.EffectiveMtuBytes).Select(m => ("qdisc", m)));
        }

        foreach (string address in settings.ExtraAddresses)
        {
            if (AddressError(address, settings.EffectiveMtuBytes) is string error)
            {
                errors.Add(("address", error));
            }
        }

        foreach (string key in settings.Sysctls.Keys.Concat(settings.HostSysctls.Keys))
        {
            if (!SysctlName.IsValid(key))
            {
                errors.Add(("sysctl", $"'{key}' is not a sysctl name; use dotted form such as net.ipv4.tcp_rmem"));
            }
        }

        if (checkHostPermission && settings.HostSysctls.Count > 0 && !settings.AllowHostSysctls)
        {
            errors.Add(("sysctl", $"{string.Join(", ", settings.HostSysctls.Keys)} {(settings.HostSysctls.Count == 1 ? "is" : "are")} host-wide (not per network namespace); "
                + "changing the host needs --allow-host-sysctls"));
        }

        return errors;
    }

    private static IEnumerable<string> ValidateQdisc(QdiscSpec q, int mtu)
    {
        int packetBytes = mtu + LinkHeaderBytes;
        bool shaper = q.Kind is QdiscKind.Tbf or QdiscKind.Htb;
        if (shaper && q.RateBitsPerSecond is null)
        {
            yield return $"{q.Kind.TcName()} needs rate=, e.g. {q.Kind.TcName()}:rate=1gbit";
        }

        if (q.Kind == QdiscKind.Tbf && q.BurstBytes is null)
        {
            yield return $"tbf needs burst= of at least one full packet ({packetBytes} B at lo MTU {mtu}), e.g. burst=256K";
        }

        if (q.Kind == QdiscKind.Tbf && q.BurstBytes is long burst && burst < packetBytes)
        {
            // With a 32 KiB burst at MTU 65536, tbf drops every full-sized packet and TCP stalls.
            yield return $"tbf burst {burst} B is smaller than one full packet at lo MTU {mtu} ({mtu} + {LinkHeaderBytes} B link header = {packetBytes} B): "
                + "every full-sized packet would be dropped and TCP would stall; raise burst or lower the MTU";
        }

        if (q.Kind is not (QdiscKind.Tbf or QdiscKind.Htb) && (q.RateBitsPerSecond is not null || q.BurstBytes is not null))
        {
            yield return $"{q.Kind.TcName()} takes no rate or burst; shape with tbf or htb";
        }

        if (q.LatencyMs is not null && q.Kind != QdiscKind.Tbf)
        {
            yield return "latency= is a tbf parameter";
        }

        if (q.Child is not null && q.Kind != QdiscKind.Htb)
        {
            yield return "child= is an htb parameter";
        }

        if (q.DelayMs is not null && q.Kind != QdiscKind.Netem)
        {
            yield return "delay= is a netem parameter";
        }

        if (q.Limit is not null && q.Kind is QdiscKind.Default or QdiscKind.Noqueue or QdiscKind.PfifoFast or QdiscKind.Cake)
        {
            yield return $"{q.Kind.TcName()} takes no limit";
        }

        bool bytesLimit = q.Kind == QdiscKind.Bfifo || (q.Kind == QdiscKind.Htb && q.Child == QdiscKind.Bfifo);
        if (bytesLimit && q.Limit is long bytes && bytes < packetBytes)
        {
            yield return $"bfifo limit {bytes} B holds no full packet at lo MTU {mtu} ({packetBytes} B): every full-sized packet would be dropped";
        }
    }

    private static string? AddressError(string text, int mtu)
    {
        if (!IPAddress.TryParse(text, out var address))
        {
            return $"'{text}' is not an IP address";
        }

        if (address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address))
        {
            return $"{text} is not in 127.0.0.0/8; lo aliases must be loopback addresses";
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6Loopback) || address.IsIPv6Multicast || address.Equals(IPAddress.IPv6Any))
            {
                return $"{text} cannot be added: ::1 is always there; multicast and :: are not unicast";
            }

            if (mtu < SandboxSettings.MinIpv6MtuBytes)
            {
                return $"IPv6 address {text} needs lo MTU ≥ {SandboxSettings.MinIpv6MtuBytes}; at {mtu} the kernel disables IPv6 on lo";
            }
        }

        return null;
    }
}
