using System.Net.Sockets;

namespace LoopBench.Core.Transports;

/// <summary>
/// Two connected sockets of one case, both owned here: disposing closes both and deletes the
/// private directory that held a Unix socket path.
/// </summary>
internal sealed class ConnectedPair : IDisposable
{
    internal ConnectedPair(TransportKind transport, Socket client, Socket server, string? privateDirectory, string serverAddress)
    {
        Transport = transport;
        Client = client;
        Server = server;
        PrivateDirectory = privateDirectory;
        ServerAddress = serverAddress;
    }

    /// <summary>The transport that made the pair.</summary>
    public TransportKind Transport { get; }

    /// <summary>The connecting end (sender of stream, requester of rr).</summary>
    public Socket Client { get; }

    /// <summary>The accepted end.</summary>
    public Socket Server { get; }

    /// <summary>The 0700 directory that held the Unix socket path, or null.</summary>
    public string? PrivateDirectory { get; }

    /// <summary>Where the server listened: "127.0.0.1:40123" or the Unix path.</summary>
    public string ServerAddress { get; }

    /// <summary>Connections accepted from anyone but our own client, closed and not measured.</summary>
    public int StrayConnections { get; internal set; }

    /// <inheritdoc />
    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
        if (PrivateDirectory is not null)
        {
            try
            {
                Directory.Delete(PrivateDirectory, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
                // already gone
            }
        }
    }
}
