using System.Net.Sockets;

namespace LoopBench.Core.Measurement;

/// <summary>
/// Samples TCP_INFO of both ends of a pair, per interval and once at the end of the window. Called
/// by the coordinator, never by a worker: each call is two getsockopt syscalls and one small list add
/// per end (the list is sized up front). Non-TCP pairs produce no samples.
/// </summary>
internal sealed class TcpInfoSampler
{
    private static readonly EndRole[] Sides = [EndRole.Client, EndRole.Server];
    private readonly Socket _client;
    private readonly Socket _server;
    private readonly List<TcpInfoSampleResult> _samples;

    /// <summary>Creates a sampler; <paramref name="expectedSamples"/> sizes the list (intervals + 1).</summary>
    public TcpInfoSampler(Socket client, Socket server, int expectedSamples = 16)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _server = server ?? throw new ArgumentNullException(nameof(server));
        _samples = new List<TcpInfoSampleResult>(Math.Max(2, expectedSamples * 2));
    }

    /// <summary>True when the pair is TCP, so samples will exist.</summary>
    public bool HasTcpInfo => _client.ProtocolType == ProtocolType.Tcp;

    /// <summary>Every sample taken, in order: client then server at each instant.</summary>
    public IReadOnlyList<TcpInfoSampleResult> Samples => _samples;

    /// <summary>The client's latest raw snapshot (for knob evidence), or null before the first sample.</summary>
    public TcpInfoSnapshot? LastClient { get; private set; }

    /// <summary>The server's latest raw snapshot, or null before the first sample.</summary>
    public TcpInfoSnapshot? LastServer { get; private set; }

    /// <summary>Samples both ends at <paramref name="atNs"/> (ns since T0).</summary>
    public void Sample(long atNs)
    {
        if (TcpInfoReader.TryRead(_client, out var client))
        {
            LastClient = client;
            _samples.Add(TcpInfoSampleResult.From(atNs, EndRole.Client, client));
        }

        if (TcpInfoReader.TryRead(_server, out var server))
        {
            LastServer = server;
            _samples.Add(TcpInfoSampleResult.From(atNs, EndRole.Server, server));
        }
    }

    /// <summary>
    /// Segments both ends have retransmitted since connect, read now and not recorded (two
    /// getsockopt calls); null for a pair without TCP_INFO.
    /// </summary>
    public long? ReadRetransTotal() =>
        TcpInfoReader.TryRead(_client, out var client) && TcpInfoReader.TryRead(_server, out var server)
            ? (long)client.TotalRetransSegments + server.TotalRetransSegments
            : null;

    /// <summary>Both ends' segments retransmitted since connect at the latest samples, or null without a sample of each.</summary>
    public long? LastRetransTotal() =>
        Last(EndRole.Client) is { } client && Last(EndRole.Server) is { } server ? client.TotalRetransSegments + server.TotalRetransSegments : null;

    /// <summary>
    /// Segments retransmitted between the first and the last sample of each side, summed over the
    /// sides (with a T0 and a T1 sample: inside the window); null when no side has a sample.
    /// </summary>
    public static long? RetransBetweenFirstAndLast(IReadOnlyList<TcpInfoSampleResult> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        long? total = null;
        foreach (var side in Sides)
        {
            TcpInfoSampleResult? first = null, last = null;
            foreach (var sample in samples)
            {
                if (sample.Side == side && sample.Connection is null)
                {
                    first ??= sample;
                    last = sample;
                }
            }

            if (first is not null && last is not null)
            {
                total = (total ?? 0) + last.TotalRetransSegments - first.TotalRetransSegments;
            }
        }

        return total;
    }

    /// <summary>The latest sample of one side, or null.</summary>
    public TcpInfoSampleResult? Last(EndRole side)
    {
        for (int i = _samples.Count - 1; i >= 0; i--)
        {
            if (_samples[i].Side == side)
            {
                return _samples[i];
            }
        }

        return null;
    }
}
