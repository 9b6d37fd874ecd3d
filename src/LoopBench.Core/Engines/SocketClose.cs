using System.Net.Sockets;

namespace LoopBench.Core.Engines;

/// <summary>Half-close and abort, tolerant of a peer or socket already gone; shared by the engines.</summary>
internal static class SocketClose
{
    public static void ShutdownSend(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // the peer may already be gone, or the channel aborted: nothing left to tell it
        }
    }

    public static void Abort(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // already closed
        }

        socket.Dispose();
    }
}
