using System.Net;
using System.Net.Sockets;
using LoopBench.Core.Interop;

namespace LoopBench.Core.Transports;

/// <summary>
/// A listening socket of a connection-oriented transport (tcp4, tcp6, unix-stream, unix-seqpacket)
/// and the recipe for its clients. A pair uses it for one accept; crr keeps it for the whole run.
/// Disposing closes it and deletes the private directory of a Unix path.
/// </summary>
internal sealed class LoopbackListener : IDisposable
{
    // sun_path is 108 bytes including the terminating NUL.
    private const int MaxUnixPathBytes = 107;

    private readonly TransportOptions _options;
    private string? _directory;

    private LoopbackListener(TransportOptions options, Socket socket, EndPoint endPoint, string? directory, string address)
    {
        _options = options;
        Socket = socket;
        EndPoint = endPoint;
        _directory = directory;
        Address = address;
    }

    /// <summary>The listening socket.</summary>
    public Socket Socket { get; }

    /// <summary>Where clients connect.</summary>
    public EndPoint EndPoint { get; }

    /// <summary>"127.0.0.1:40123", the Unix path, or "@name" for the abstract namespace.</summary>
    public string Address { get; }

    /// <summary>Binds and listens, or throws <see cref="TransportSetupException"/> with the reason.</summary>
    public static LoopbackListener Open(TransportOptions options, int backlog = 16)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Kind.IsIp() ? OpenIp(options, backlog) : OpenUnix(options, backlog);
    }

    /// <summary>A new unconnected client socket, bound to the source address when one is set.</summary>
    public Socket NewClient()
    {
        var socket = NewSocket(_options, EndPoint.AddressFamily, _options.Source);
        _options.ConfigureClient?.Invoke(socket);
        return socket;
    }

    /// <summary>Hands the private directory to the caller (a pair deletes it), so Dispose leaves it.</summary>
    internal string? TakeDirectory()
    {
        string? directory = _directory;
        _directory = null;
        return directory;
    }

    /// <summary>Unlinks the socket's path (connected sockets no longer need the name).</summary>
    internal void UnlinkPath()
    {
        if (EndPoint is UnixDomainSocketEndPoint && !_options.UnixAbstract)
        {
            File.Delete(Address);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Socket.Dispose();
        DeleteDirectory(_directory);
        _directory = null;
    }

    internal static SocketType SocketTypeOf(TransportKind kind) => kind switch
    {
        TransportKind.Tcp4 or TransportKind.Tcp6 or TransportKind.UnixStream => SocketType.Stream,
        TransportKind.UnixSeqpacket => SocketType.Seqpacket,
        _ => SocketType.Dgram,
    };

    internal static Socket NewSocket(TransportOptions options, AddressFamily family, IPAddress? source)
    {
        var type = SocketTypeOf(options.Kind);
        var protocol = options.Kind.IsTcp() ? ProtocolType.Tcp : options.Kind.IsUdp() ? ProtocolType.Udp : ProtocolType.Unspecified;
        var socket = new Socket(family, type, protocol);
        if (source is not null)
        {
            try
            {
                if (options.Kind.IsTcp())
                {
                    // IP_BIND_ADDRESS_NO_PORT: pick the port at connect, by 4-tuple, so crr from a fixed
                    // source does not run out of ports at bind while TIME_WAIT holds them
                    socket.SetRawSocketOption(SocketOptionNumbers.IpProtoIp, SocketOptionNumbers.IpBindAddressNoPort, [1, 0, 0, 0]);
                }

                socket.Bind(new IPEndPoint(source, 0));
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                throw new TransportSetupException($"cannot bind the client to source {source}: {ex.Message}", ex);
            }
        }

        return socket;
    }

    /// <summary>A Unix endpoint: a path in a fresh private directory, or an abstract name.</summary>
    internal static (UnixDomainSocketEndPoint EndPoint, string? Directory, string Address) UnixEndPoint(TransportOptions options, string name)
    {
        if (options.UnixAbstract)
        {
            string abstractName = $"loopbench-{Environment.ProcessId}-{Guid.NewGuid():N}-{name}";
            return (new UnixDomainSocketEndPoint("\0" + abstractName), null, "@" + abstractName);
        }

        string directory = LoopbackConnector.CreatePrivateDirectory(options.UnixDirectory);
        string path = Path.Combine(directory, name + ".sock");
        if (System.Text.Encoding.UTF8.GetByteCount(path) > MaxUnixPathBytes)
        {
            DeleteDirectory(directory);
            throw new TransportSetupException($"Unix socket path '{path}' is longer than {MaxUnixPathBytes} bytes; choose a shorter --unix-dir or --unix-abstract on");
        }

        return (new UnixDomainSocketEndPoint(path), directory, path);
    }

    internal static void DeleteDirectory(string? directory)
    {
        if (directory is null)
        {
            return;
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // already gone
        }
    }

    private static LoopbackListener OpenIp(TransportOptions options, int backlog)
    {
        var address = options.Address ?? throw new ArgumentException("an IP transport needs an address", nameof(options));
        if (!LoopbackAddress.IsLoopback(address))
        {
            throw new TransportSetupException($"refusing to bind {address}: not a loopback address");
        }

        var listener = NewSocket(options, address.AddressFamily, null);
        try
        {
            options.ConfigureListener?.Invoke(listener);
            listener.Bind(new IPEndPoint(address, options.Port));
            if (options.Kind.IsTcp())
            {
                listener.Listen(backlog);
            }
        }
        catch (SocketException ex)
        {
            listener.Dispose();
            throw ex.SocketErrorCode == SocketError.AddressAlreadyInUse
                ? new TransportSetupException($"port {options.Port} on {address} is already in use; choose another --port or 0 for any free port", ex)
                : new TransportSetupException($"cannot bind {address} port {options.Port}: {ex.Message}", ex);
        }

        var endPoint = (IPEndPoint)listener.LocalEndPoint!;
        return new LoopbackListener(options, listener, endPoint, null, endPoint.ToString());
    }

    private static LoopbackListener OpenUnix(TransportOptions options, int backlog)
    {
        var (endPoint, directory, address) = UnixEndPoint(options, "s");
        var listener = new Socket(AddressFamily.Unix, SocketTypeOf(options.Kind), ProtocolType.Unspecified);
        try
        {
            listener.Bind(endPoint);
            if (options.Kind != TransportKind.UnixDgram)
            {
                listener.Listen(backlog);
            }

            return new LoopbackListener(options, listener, endPoint, directory, address);
        }
        catch (SocketException ex)
        {
            listener.Dispose();
            DeleteDirectory(directory);
            throw new TransportSetupException($"cannot create Unix socket at '{address}': {ex.Message}", ex);
        }
    }
}
