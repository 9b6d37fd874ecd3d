using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace LoopBench.Core.Sandbox;

/// <summary>
/// The ip and tc commands that put <see cref="SandboxSettings"/> on lo, as argv arrays. Pure: the
/// child runs them inside its namespace; tests read them as a FakeSandbox would.
/// </summary>
internal static class LinkSetup
{
    /// <summary>htb's largest useful quantum (the kernel warns above it).</summary>
    private const long MaxHtbQuantumBytes = 200_000;

    /// <summary>The commands, in order: lo up first, MTU before addresses (IPv6 needs ≥ 1280), qdisc last.</summary>
    public static IReadOnlyList<string[]> Commands(SandboxSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var commands = new List<string[]> { new[] { "ip", "link", "set", "dev", "lo", "up" } };
        if (settings.LoMtuBytes is int mtu)
        {
            commands.Add(["ip", "link", "set", "dev", "lo", "mtu", Text(mtu)]);
        }

        if (settings.TxQueueLenPackets is int qlen)
        {
            commands.Add(["ip", "link", "set", "dev", "lo", "txqueuelen", Text(qlen)]);
        }

        foreach (string address in settings.ExtraAddresses)
        {
            var ip = IPAddress.Parse(address);
            commands.Add(ip.AddressFamily == AddressFamily.InterNetworkV6
                ? ["ip", "-6", "addr", "add", ip + "/128", "dev", "lo", "nodad"]
                : ["ip", "addr", "add", ip + "/32", "dev", "lo"]);
        }

        if (settings.Qdisc is QdiscSpec q && q.Kind != QdiscKind.Default)
        {
            commands.AddRange(QdiscCommands(q, settings.EffectiveMtuBytes));
        }

        return commands;
    }

    /// <summary>tc commands for one root qdisc.</summary>
    public static IReadOnlyList<string[]> QdiscCommands(QdiscSpec q, int mtuBytes)
    {
        ArgumentNullException.ThrowIfNull(q);
        string[] root = ["tc", "qdisc", "replace", "dev", "lo", "root", "handle", "1:"];
        switch (q.Kind)
        {
            case QdiscKind.Htb:
                long rateBytes = (q.RateBitsPerSecond ?? 0) / 8;
                long quantum = Math.Clamp(rateBytes / 10, mtuBytes + SandboxValidator.LinkHeaderBytes, Math.Max(MaxHtbQuantumBytes, mtuBytes + SandboxValidator.LinkHeaderBytes));
                var cls = new List<string> { "tc", "class", "add", "dev", "lo", "parent", "1:", "classid", "1:1", "htb",
                    "rate", Bandwidth.Format(q.RateBitsPerSecond ?? 0), "ceil", Bandwidth.Format(q.RateBitsPerSecond ?? 0), "quantum", Text(quantum) };
                if (q.BurstBytes is long burst)
                {
                    cls.AddRange(["burst", Text(burst), "cburst", Text(burst)]);
                }

                var child = new List<string> { "tc", "qdisc", "add", "dev", "lo", "parent", "1:1", "handle", "10:", (q.Child ?? QdiscKind.Pfifo).TcName() };
                if (q.Limit is long childLimit)
                {
                    child.AddRange(["limit", Text(childLimit)]);
                }

                return [[.. root, "htb", "default", "1"], [.. cls], [.. child]];
            case QdiscKind.Tbf:
                var tbf = new List<string>(root) { "tbf", "rate", Bandwidth.Format(q.RateBitsPerSecond ?? 0), "burst", Text(q.BurstBytes ?? 0) };
                tbf.AddRange(q.Limit is long tbfLimit ? ["limit", Text(tbfLimit)] : ["latency", Text(q.LatencyMs ?? QdiscSpec.DefaultTbfLatencyMs) + "ms"]);
                return [[.. tbf]];
            case QdiscKind.Netem:
                var netem = new List<string>(root) { "netem" };
                if (q.DelayMs is long delay)
                {
                    netem.AddRange(["delay", Text(delay) + "ms"]);
                }

                if (q.Limit is long netemLimit)
                {
                    netem.AddRange(["limit", Text(netemLimit)]);
                }

                return [[.. netem]];
            default:
                var simple = new List<string>(root) { q.Kind.TcName() };
                if (q.Limit is long limit)
                {
                    simple.AddRange(["limit", Text(limit)]);
                }

                return [[.. simple]];
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
