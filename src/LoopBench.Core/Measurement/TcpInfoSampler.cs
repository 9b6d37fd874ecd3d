using System.Net.Sockets;
using LoopBench.Core.Results;

namespace LoopBench.Core.Measurement;

/// <summary>
/// Samples TCP_INFO of both ends of a pair, per interval and once at the end of the window. Called
/// by the coordinator, never by a worker: each call is two getsockopt syscalls and one small list add
/// per end (the list is sized up front). Non-TCP pairs produce no samples.
/// </summary>
public sealed class TcpInfoSampler
{
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
            _samples.Add(TcpInfoSampleResult.From(atNs, "client", client));
        }

        if (TcpInfoReader.TryRead(_server, out var server))
        {
            LastServer = server;
            _samples.Add(TcpInfoSampleResult.From(atNs, "server", server));
        }
    }

    /// <summary>The latest sample of one side ("client" or "server"), or null.</summary>
    public TcpInfoSampleResult? Last(string side)
    {
        for (int i = _samples.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_samples[i].Side, side, StringComparison.Ordinal))
            {
                return _samples[i];
            }
        }

        return null;
    }
}
