using System.Globalization;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Scenarios;

/// <summary>Combinations of transport, pattern and pattern options: each refusal names a valid alternative.</summary>
public static partial class CaseValidator
{
    /// <summary>Most parallel flows accepted.</summary>
    public const int MaxParallel = 128;

    /// <summary>Most rr transactions outstanding per connection.</summary>
    public const int MaxInflight = 1024;

    private const int DatagramHeaderBytes = 32;
    private const string WmemDefaultPath = "/proc/sys/net/core/wmem_default";

    private static void ValidatePattern(Case candidate, Case c, List<CaseError> errors)
    {
        string t = c.Transport.ToId();
        string p = c.Pattern.ToId();
        bool streamLike = c.Pattern.Traits().Bulk;
        int minParallel = c.Pattern == PatternKind.RrUnderLoad ? 0 : 1;
        if (c.Parallel < minParallel || c.Parallel > MaxParallel)
        {
            errors.Add(new("parallel", $"{c.Parallel} flows is out of range; use {minParallel} to {MaxParallel}"));
        }

        if (candidate.BidirMode is not null && c.Pattern != PatternKind.Bidir)
        {
            errors.Add(new("bidir-mode", $"bidir-mode applies to bidir, not {p}; use --pattern bidir"));
        }

        if (c.ByteLimit is not null && !streamLike)
        {
            errors.Add(new("bytes", $"-n counts bytes of stream, reverse or bidir, not {p}; use -k for transactions of rr or crr"));
        }

        if (c.TransactionLimit is not null && c.Pattern is not (PatternKind.Rr or PatternKind.Crr))
        {
            errors.Add(new("transactions", $"-k counts transactions of rr or crr, not {p}; use -n for stream bytes, or -t"));
        }

        // Every flow (each direction of bidir) sends its share: a share of nothing would run for the time instead.
        int senders = Math.Max(1, c.Parallel) * (c.Pattern == PatternKind.Bidir ? 2 : 1);
        if (c.ByteLimit is long n && streamLike && n < senders)
        {
            errors.Add(new("bytes", $"-n {n} leaves some of the {senders} senders nothing to send; use -n {senders} or more"));
        }

        if (c.TransactionLimit is long k && c.Pattern is (PatternKind.Rr or PatternKind.Crr) && k < Math.Max(1, c.Parallel))
        {
            errors.Add(new("transactions", $"-k {k} leaves some of the {c.Parallel} flows no transaction; use -k {c.Parallel} or more"));
        }

        if (candidate.Inflight is int inflight)
        {
            if (c.Pattern != PatternKind.Rr)
            {
                errors.Add(new("inflight", $"--inflight applies to rr, not {p}; use --pattern rr --inflight {inflight}"));
            }
            else if (inflight < 1 || inflight > MaxInflight)
            {
                errors.Add(new("inflight", $"{inflight} is out of range; use 1 to {MaxInflight}"));
            }
            else if (inflight > 1 && c.Transport.IsConnectionless())
            {
                errors.Add(new("inflight", $"{t} rr keeps one request outstanding (a lost datagram would stall the pipeline); use unix-seqpacket or tcp4 for --inflight {inflight}"));
            }
        }

        if (candidate.Close is not null && c.Pattern != PatternKind.Crr)
        {
            errors.Add(new("close", $"--close applies to crr, not {p}; use --pattern crr"));
        }

        if (c.Pattern.TransportRefusal(c.Transport) is string refusal) errors.Add(new("pattern", refusal));
        if (c.Pattern == PatternKind.Crr && c.Transport.IsConnectionless())
        {
            errors.Add(new("pattern", $"crr needs connections and {t} has none; use --pattern rr on {t}, or crr on tcp4, tcp6, unix-stream or unix-seqpacket"));
        }

        bool pacedTransport = c.Transport.KeepsMessageBoundaries();
        foreach (var (name, given) in new[] { ("bitrate", candidate.BitsPerSecond is > 0), ("pps", candidate.PacketsPerSecond is > 0) })
        {
            if (!given)
            {
                continue;
            }

            if (!streamLike)
            {
                errors.Add(new(name, $"--{name} paces stream patterns, not {p}; use --pattern rr-under-load --rate N for paced requests"));
            }
            else if (!pacedTransport)
            {
                errors.Add(new(name, $"--{name} pacing is unsupported on {t} (a byte stream has no datagrams to schedule); use udp4, udp6, unix-dgram or unix-seqpacket, or --pattern rr-under-load --rate N over {t}"));
            }
        }

        if (candidate.BitsPerSecond is > 0 && candidate.PacketsPerSecond is > 0)
        {
            errors.Add(new("pps", "give either -b/--bitrate or --pps, not both"));
        }

        if (candidate.RequestsPerSecond is not null && c.Pattern != PatternKind.RrUnderLoad)
        {
            errors.Add(new("rate", $"--rate sets the open-loop rr flow of rr-under-load, not {p}; use --pattern rr-under-load, or -b/--pps for datagram streams"));
        }
        else if (c.RequestsPerSecond is double rate && (rate <= 0 || rate > 1e7))
        {
            errors.Add(new("rate", $"{rate} requests/s is out of range; use 1 to 10M (an open loop needs a finite rate)"));
        }

        if (candidate.RrTimeoutMs is long timeout && c.RrTimeoutMs is null)
        {
            errors.Add(new("rr-timeout", $"--rr-timeout applies to rr over udp4, udp6 or unix-dgram, not {p} on {t}"));
        }
        else if (c.RrTimeoutMs is long ms && (ms < 1 || ms > 60_000))
        {
            errors.Add(new("rr-timeout", $"{ms} ms is out of range; use 1ms to 60s"));
        }

        ValidateEndpoints(candidate, c, errors);
        ValidateMessageSizes(c, errors);
    }

    private static void ValidateEndpoints(Case candidate, Case c, List<CaseError> errors)
    {
        if (candidate.UnixAbstract && !c.Transport.IsUnix())
        {
            errors.Add(new("unix-abstract", $"the abstract namespace is for Unix transports, not {c.Transport.ToId()}; use unix-stream, unix-dgram or unix-seqpacket"));
        }

        if (c.Source is null)
        {
            return;
        }

        if (!c.Transport.IsIp())
        {
            errors.Add(new("source", $"transport {c.Transport.ToId()} takes no source address; drop --source or use tcp4/tcp6/udp4/udp6"));
        }
        else if (!LoopbackAddress.TryResolve(c.Source, c.Transport, out _, out string error))
        {
            errors.Add(new("source", error));
        }
    }

    private static void ValidateMessageSizes(Case c, List<CaseError> errors)
    {
        bool datagramStyle = c.Transport.KeepsMessageBoundaries() && c.Pattern != PatternKind.Crr
            && !(c.Pattern == PatternKind.Rr && c.Transport == TransportKind.UnixSeqpacket);
        datagramStyle |= c.Pattern == PatternKind.RrUnderLoad;
        int? max = c.Transport.MaxMessageBytes();
        string maxWhy = $"the largest {c.Transport.ToId()} datagram";
        if (c.Transport is TransportKind.UnixDgram or TransportKind.UnixSeqpacket)
        {
            // the kernel refuses a message larger than the socket's send buffer (EMSGSIZE)
            long wmem = File.Exists(WmemDefaultPath)
                && long.TryParse(File.ReadAllText(WmemDefaultPath).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long w) ? w : 212_992;
            max = (int)Math.Min(int.MaxValue, wmem - 512);
            maxWhy = $"what a {c.Transport.ToId()} socket can send (SO_SNDBUF {wmem} B less overhead)";
        }

        foreach (var (name, bytes) in new[] { ("length", c.MessageBytes), ("request-size", c.RequestBytes), ("response-size", c.ResponseBytes) })
        {
            if (bytes is not int b)
            {
                continue;
            }

            if (max is int m && b > m)
            {
                string alternative = c.Transport.IsUdp() ? c.Transport.IsIpv6() ? "tcp6" : "tcp4" : "unix-stream";
                errors.Add(new(name, $"{b} bytes exceed {maxWhy} ({m} B); use {m} or less, or {alternative} for larger messages"));
            }
            else if (datagramStyle && b < DatagramHeaderBytes && !(c.Pattern == PatternKind.RrUnderLoad && !c.Transport.KeepsMessageBoundaries() && name == "length"))
            {
                errors.Add(new(name, $"{b} bytes is too small for {c.Pattern.ToId()} on {c.Transport.ToId()}: each message carries a {DatagramHeaderBytes}-byte header (sequence, send times); use {DatagramHeaderBytes} or more"));
            }
        }
    }
}
