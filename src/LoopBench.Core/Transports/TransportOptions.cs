using System.Net;
using System.Net.Sockets;

namespace LoopBench.Core.Transports;

/// <summary>Where and how a connected pair is made.</summary>
/// <param name="Kind">The transport.</param>
/// <param name="Address">The loopback address the server binds (IP transports); already validated.</param>
/// <param name="Port">The server port; 0 (the default) lets the kernel choose a free one.</param>
/// <param name="UnixDirectory">Where the private 0700 directory for a Unix path is made; null means the temp directory.</param>
internal sealed record TransportOptions(TransportKind Kind, IPAddress? Address, int Port = 0, string? UnixDirectory = null)
{
    /// <summary>The loopback address the client binds before connecting (IP transports); null lets the kernel choose.</summary>
    public IPAddress? Source { get; init; }

    /// <summary>Unix transports: a name in the abstract namespace (leading NUL) instead of a path.</summary>
    public bool UnixAbstract { get; init; }

    /// <summary>
    /// Called on each new client socket before it connects (IP transports): options that only act
    /// before connect() (TCP_MAXSEG, buffers that size the window scale) go here. Null: nothing.
    /// </summary>
    public Action<Socket>? ConfigureClient { get; init; }

    /// <summary>Called on the listening (or UDP server) socket before bind/listen; accepted sockets inherit its options.</summary>
    public Action<Socket>? ConfigureListener { get; init; }
}
