using System.Globalization;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Scenarios;

/// <summary>Message sizes against what one send of the transport carries, and the header a framed message needs.</summary>
internal static class CaseMessageSizeRules
{
    private const int DatagramHeaderBytes = 32;
    private const string WmemDefaultPath = "/proc/sys/net/core/wmem_default";

    public static void Check(Case c, List<CaseError> errors)
    {
        // stream flows frame each message where the transport keeps message boundaries; transactions where the pattern says
        bool framedStreams = c.Transport.KeepsMessageBoundaries();
        bool framedTransactions = c.Pattern.Traits().FramesTransactions(c.Transport);
        var (max, maxWhy) = Largest(c.Transport);
        foreach (var (name, bytes, framed) in new[]
        {
            ("length", c.MessageBytes, framedStreams),
            ("request-size", c.RequestBytes, framedTransactions),
            ("response-size", c.ResponseBytes, framedTransactions),
        })
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
            else if (framed && b < DatagramHeaderBytes)
            {
                errors.Add(new(name, $"{b} bytes is too small for {c.Pattern.ToId()} on {c.Transport.ToId()}: each message carries a {DatagramHeaderBytes}-byte header (sequence, send times); use {DatagramHeaderBytes} or more"));
            }
        }
    }

    /// <summary>The largest message one send of <paramref name="transport"/> carries, and why; null for a byte stream.</summary>
    private static (int? Max, string Why) Largest(TransportKind transport)
    {
        if (transport is TransportKind.UnixDgram or TransportKind.UnixSeqpacket)
        {
            // the kernel refuses a message larger than the socket's send buffer (EMSGSIZE)
            long wmem = File.Exists(WmemDefaultPath)
                && long.TryParse(File.ReadAllText(WmemDefaultPath).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long w) ? w : 212_992;
            return ((int)Math.Min(int.MaxValue, wmem - 512), $"what a {transport.ToId()} socket can send (SO_SNDBUF {wmem} B less overhead)");
        }

        return (transport.MaxMessageBytes(), $"the largest {transport.ToId()} datagram");
    }
}
