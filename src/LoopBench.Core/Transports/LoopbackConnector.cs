using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LoopBench.Core.Interop;
using LoopBench.Core.Safety;

namespace LoopBench.Core.Transports;

/// <summary>
/// Makes a connected client/server pair inside this process. A connection-oriented listener lives
/// only until its one expected connection arrives; a connection from anyone else is closed and
/// counted as a stray. Connectionless pairs (UDP, unix-dgram) bind both ends and connect each to the other.
/// </summary>
internal static class LoopbackConnector
{
    /// <summary>Connects a pair, or throws <see cref="TransportSetupException"/> with the reason.</summary>
    public static ConnectedPair Connect(TransportOptions options, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Kind switch
        {
            TransportKind.Udp4 or TransportKind.Udp6 => ConnectUdp(options),
            TransportKind.UnixDgram => ConnectUnixDgram(options),
            _ => ConnectAccepted(options, timeout),
        };
    }

    /// <summary>
    /// Makes a fresh 0700 directory named after this process's pid under <paramref name="parent"/>, or
    /// in the temp directory, where stale ones of dead processes are swept first (<see cref="OwnedTempDirectory"/>).
    /// </summary>
    internal static string CreatePrivateDirectory(string? parent)
    {
        try
        {
            if (parent is null)
            {
                return OwnedTempDirectory.Create(OwnedTempDirectory.SocketPrefix);
            }

            string path = Path.Combine(Path.GetFullPath(parent), OwnedTempDirectory.NamePrefix(OwnedTempDirectory.SocketPrefix) + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return path;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TransportSetupException($"cannot create a private directory for the Unix socket under '{parent}': {ex.Message}", ex);
        }
    }

    /// <summary>Accepts until the connection that <paramref name="isExpected"/> recognises arrives.</summary>
    internal static (Socket Server, int Strays) AcceptExpected(Socket listener, TimeSpan timeout, Func<Socket, bool> isExpected)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        int strays = 0;
        while (true)
        {
            long remainingUs = (deadline - Stopwatch.GetTimestamp()) * 1_000_000 / Stopwatch.Frequency;
            if (remainingUs <= 0 || !listener.Poll((int)Math.Min(remainingUs, int.MaxValue), SelectMode.SelectRead))
            {
                throw new TransportSetupException($"the client's connection did not arrive within {timeout.TotalSeconds:0.###} s");
            }

            var accepted = listener.Accept();
            if (isExpected(accepted))
            {
                return (accepted, strays);
            }

            strays++;
            accepted.Dispose();
        }
    }

    /// <summary>The pid of a Unix socket's peer (SO_PEERCRED), or -1.</summary>
    internal static int PeerPid(Socket socket)
    {
        Span<byte> credentials = stackalloc byte[12]; // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        int length = socket.GetRawSocketOption(SocketOptionNumbers.SolSocket, SocketOptionNumbers.SoPeerCred, credentials);
        return length >= 4 ? BitConverter.ToInt32(credentials) : -1;
    }

    private static ConnectedPair ConnectAccepted(TransportOptions options, TimeSpan timeout)
    {
        using var listener = LoopbackListener.Open(options);
        Socket? client = null;
        try
        {
            client = listener.NewClient();
            ConnectWithin(client, listener.EndPoint, timeout);
            Func<Socket, bool> expected;
            if (options.Kind.IsIp())
            {
                var local = (IPEndPoint)client.LocalEndPoint!;
                expected = s => local.Equals(s.RemoteEndPoint);
            }
            else
            {
                int ownPid = Environment.ProcessId;
                expected = s => PeerPid(s) == ownPid;
            }

            var (server, strays) = AcceptExpected(listener.Socket, timeout, expected);
            listener.UnlinkPath();
            return new ConnectedPair(options.Kind, client, server, listener.TakeDirectory(), listener.Address) { StrayConnections = strays };
        }
        catch (Exception ex) when (ex is SocketException or IOException or UnauthorizedAccessException)
        {
            client?.Dispose();
            throw new TransportSetupException($"cannot connect to {listener.Address}: {ex.Message}", ex);
        }
        catch
        {
            client?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A blocking connect(2) bounded by the deadline: Linux bounds it by SO_SNDTIMEO. Without it, a
    /// listen backlog filled by strangers keeps the client in SYN retries (TCP) or asleep (Unix) for minutes.
    /// </summary>
    internal static void ConnectWithin(Socket client, EndPoint server, TimeSpan timeout)
    {
        int previous = client.SendTimeout;
        client.SendTimeout = (int)Math.Clamp(timeout.TotalMilliseconds, 1, int.MaxValue);
        try
        {
            client.Connect(server);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.InProgress or SocketError.WouldBlock or SocketError.TimedOut)
        {
            throw new TransportSetupException($"the connect to {server} did not complete within {timeout.TotalSeconds:0.###} s (is its listen backlog full of stray connections?)", ex);
        }

        client.SendTimeout = previous;
    }

    private static ConnectedPair ConnectUdp(TransportOptions options)
    {
        var listener = LoopbackListener.Open(options);
        var server = listener.Socket;
        Socket? client = null;
        try
        {
            var serverEnd = (IPEndPoint)listener.EndPoint;
            client = LoopbackListener.NewSocket(options, serverEnd.AddressFamily, options.Source ?? serverEnd.Address);
            options.ConfigureClient?.Invoke(client);
            client.Connect(serverEnd);
            server.Connect(client.LocalEndPoint!);
            return new ConnectedPair(options.Kind, client, server, null, listener.Address);
        }
        catch (SocketException ex)
        {
            client?.Dispose();
            listener.Dispose();
            throw new TransportSetupException($"cannot connect UDP sockets on {listener.Address}: {ex.Message}", ex);
        }
    }

    private static ConnectedPair ConnectUnixDgram(TransportOptions options)
    {
        var listener = LoopbackListener.Open(options);
        var server = listener.Socket;
        string? directory = listener.TakeDirectory();
        Socket? client = null;
        string clientAddress = string.Empty;
        try
        {
            UnixDomainSocketEndPoint clientEnd;
            if (options.UnixAbstract)
            {
                (clientEnd, _, clientAddress) = LoopbackListener.UnixEndPoint(options, "c");
            }
            else
            {
                clientAddress = Path.Combine(directory!, "c.sock");
                clientEnd = new UnixDomainSocketEndPoint(clientAddress);
            }

            client = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            client.Bind(clientEnd);
            client.Connect(listener.EndPoint);
            server.Connect(clientEnd);
            if (!options.UnixAbstract)
            {
                // connected datagram sockets keep their peer; the names are no longer needed
                File.Delete(listener.Address);
                File.Delete(clientAddress);
            }

            return new ConnectedPair(options.Kind, client, server, directory, listener.Address);
        }
        catch (Exception ex) when (ex is SocketException or IOException or UnauthorizedAccessException)
        {
            client?.Dispose();
            server.Dispose();
            LoopbackListener.DeleteDirectory(directory);
            throw new TransportSetupException($"cannot connect unix-dgram sockets at '{listener.Address}': {ex.Message}", ex);
        }
    }
}
