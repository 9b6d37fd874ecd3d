using System.Globalization;
using System.Text;

namespace LoopBench.Core.Scenarios;

/// <summary>
/// The canonical key of a resolved case: a stable, human-readable string of the parameters that
/// define the measurement, in a fixed order. Reporting-only knobs (port, interval, paths) are left
/// out so that the same experiment pairs across runs and hosts.
/// </summary>
internal static class CaseKey
{
    /// <summary>E.g. "tcp4 stream blocking unpinned bind=127.0.0.1 len=131072 nodelay=off t=10s warmup=1s".</summary>
    public static string Of(Case resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        var key = new StringBuilder();
        key.Append(resolved.Transport.ToId()).Append(' ')
            .Append(resolved.Pattern.ToId()).Append(' ')
            .Append(resolved.Engine.ToId()).Append(' ')
            .Append(resolved.Placement.ToId());
        Add(key, "cpus", Cpus(resolved));
        Add(key, "bind", resolved.Bind);
        Add(key, "src", resolved.Source);
        Add(key, "abstract", resolved.UnixAbstract ? "on" : null);
        Add(key, "P", resolved.Parallel != 1 ? resolved.Parallel : null);
        Add(key, "processes", resolved.Processes != 1 ? resolved.Processes : null);
        Add(key, "receive-spin", resolved.ReceiveSpin is int spin && spin != CaseReceiveDefaults.Spin(resolved) ? spin : null);
        Add(key, "receive-lowat", resolved.ReceiveLowatBytes is int lowat && lowat != CaseReceiveDefaults.Lowat(resolved) ? lowat : null);
        Add(key, "spin", resolved.Spin ? "on" : null);
        Add(key, "bidir", resolved.BidirMode?.ToId());
        Add(key, "len", resolved.MessageBytes);
        Add(key, "req", resolved.RequestBytes);
        Add(key, "resp", resolved.ResponseBytes);
        Add(key, "inflight", resolved.Inflight is int i && i != 1 ? i : null);
        Add(key, "close", resolved.Close?.ToId());
        Add(key, "b", resolved.BitsPerSecond);
        Add(key, "pps", resolved.PacketsPerSecond);
        Add(key, "rate", resolved.RequestsPerSecond);
        Add(key, "timeout", resolved.RrTimeoutMs is long ms ? Convert.ToString(ms, CultureInfo.InvariantCulture) + "ms" : null);
        Add(key, "n", resolved.ByteLimit);
        Add(key, "k", resolved.TransactionLimit);
        Add(key, "nodelay", resolved.NoDelay is bool b ? (b ? "on" : "off") : null);
        AddKnobs(key, resolved);
        AddSandbox(key, resolved);
        Add(key, "t", Seconds(resolved.DurationMs));
        Add(key, "warmup", Seconds(resolved.WarmupMs));
        return key.ToString();
    }

    /// <summary>"0,1", or "0" when only the client end is pinned; null unless placement is cpus.</summary>
    private static string? Cpus(Case resolved) =>
        resolved.Placement != Engines.PlacementKind.Cpus || resolved.ClientCpu is not int client ? null
        : resolved.ServerCpu is int server ? string.Create(CultureInfo.InvariantCulture, $"{client},{server}")
        : client.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Socket knobs that were set, sorted by name: "rcvbuf=65536" when both sides agree, else
    /// "client-rcvbuf=…"/"server-rcvbuf=…". Kernel defaults add nothing, so older keys stay valid.
    /// </summary>
    private static void AddKnobs(StringBuilder key, Case resolved)
    {
        var client = KnobValues(resolved.ClientKnobs);
        var server = KnobValues(resolved.ServerKnobs);
        var parts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, value) in client)
        {
            if (server.TryGetValue(id, out string? other) && other == value)
            {
                parts[id] = value;
            }
            else
            {
                parts[KeySides.Client + id] = value;
            }
        }

        foreach (var (id, value) in server)
        {
            if (!parts.ContainsKey(id))
            {
                parts[KeySides.Server + id] = value;
            }
        }

        if (resolved.ZeroCopy)
        {
            parts["zerocopy"] = "on";
        }

        if (resolved.SkipCopy)
        {
            parts["skip-copy"] = "on";
        }

        if (resolved.Timestamps)
        {
            parts["timestamps"] = "on";
        }

        if (resolved.Batch is int batch)
        {
            parts["batch"] = batch.ToString(CultureInfo.InvariantCulture);
        }

        if (resolved.UdpGro)
        {
            parts["udp-gro"] = "on";
        }

        foreach (var (name, value) in parts)
        {
            Add(key, name, value);
        }
    }

    /// <summary>
    /// "sandbox=netns mtu=9000 qdisc=pfifo:limit=10 sysctl:net.ipv4.tcp_rmem=4096_131072_131072":
    /// host cases with no kernel settings add nothing, so keys from before the sandbox stay valid.
    /// Spaces inside values become '_' so that a key stays one token per parameter.
    /// </summary>
    private static void AddSandbox(StringBuilder key, Case resolved)
    {
        Add(key, "sandbox", resolved.Sandbox == SandboxMode.Netns ? "netns" : null);
        if (resolved.Kernel is not { } k)
        {
            return;
        }

        Add(key, "mtu", k.LoMtuBytes);
        Add(key, "txqueuelen", k.TxQueueLenPackets);
        Add(key, "qdisc", k.Qdisc?.ToString());
        foreach (string address in k.ExtraAddresses.Order(StringComparer.Ordinal))
        {
            Add(key, "addr", address);
        }

        foreach (var (name, value) in k.Sysctls)
        {
            Add(key, "sysctl:" + name, Token(value));
        }

        foreach (var (name, value) in k.HostSysctls)
        {
            Add(key, "host-sysctl:" + name, Token(value));
        }
    }

    /// <summary>Parameter names whose key token is spelled differently.</summary>
    private static readonly Dictionary<string, string> TokenNames = new(StringComparer.Ordinal)
    {
        ["length"] = "len",
        ["parallel"] = "P",
        ["bitrate"] = "b",
        ["time"] = "t",
        ["request-size"] = "req",
        ["response-size"] = "resp",
        ["unix-abstract"] = "abstract",
        ["source"] = "src",
        ["bidir-mode"] = "bidir",
        ["rr-timeout"] = "timeout",
        ["bytes"] = "n",
        ["transactions"] = "k",
    };

    /// <summary>
    /// The name of <paramref name="parameter"/>'s token in a key ("length" → "len"; the first four,
    /// which are positional, by their parameter names); false for a name that is no case parameter.
    /// </summary>
    public static bool TryTokenOf(string parameter, out string token)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        string name = parameter.Trim();
        token = TokenNames.GetValueOrDefault(name, name);
        return name.StartsWith("sysctl:", StringComparison.Ordinal) || name.StartsWith("host-sysctl:", StringComparison.Ordinal)
            || CaseParameters.All.Any(p => p.Name == name);
    }

    private static string Token(string value) => string.Join('_', value.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries));

    private static Dictionary<string, string> KnobValues(Transports.SocketKnobs k)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        void Put(string id, object? value)
        {
            if (value is not null)
            {
                values[id] = value is bool b ? (b ? "on" : "off") : Convert.ToString(value, CultureInfo.InvariantCulture)!;
            }
        }

        Put("sndbuf", k.SendBufferBytes);
        Put("rcvbuf", k.ReceiveBufferBytes);
        Put("force-buffers", k.ForceBuffers ? true : null);
        Put("mss", k.MaxSegmentBytes);
        Put("congestion", k.CongestionControl);
        Put("notsent-lowat", k.NotSentLowatBytes);
        Put("cork", k.Cork);
        Put("quickack", k.QuickAck);
        Put("busy-poll", k.BusyPollUs);
        Put("max-pacing-rate", k.MaxPacingRateBytesPerSecond);
        Put("tos", k.TrafficClass);
        Put("udp-segment", k.UdpSegmentBytes);
        return values;
    }

    private static void Add(StringBuilder key, string name, object? value)
    {
        if (value is not null)
        {
            key.Append(' ').Append(name).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture));
        }
    }

    private static string Seconds(long ms) => (ms / 1000.0).ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
