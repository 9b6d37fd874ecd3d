using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace LoopBench.Core.Transports;

/// <summary>
/// The receiver's skip-copy mode: recv with MSG_TRUNC on a TCP socket consumes up to
/// <c>scratch.Length</c> bytes and returns their count without copying them to user space
/// (Linux 3.x+; UDP returns the real datagram length instead). .NET maps
/// <see cref="SocketFlags.Truncated"/> to MSG_TRUNC, so no P/Invoke is needed. The scratch span
/// only sets the length; the kernel never writes it.
/// </summary>
internal static class TruncatingReceive
{
    /// <summary>Discards up to <c>scratch.Length</c> received bytes; errors are values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Discard(Socket socket, Span<byte> scratch, out SocketError error)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return socket.Receive(scratch, SocketFlags.Truncated, out error);
    }
}
