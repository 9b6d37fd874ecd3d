using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace LoopBench.Core.Interop;

/// <summary>
/// sendfile(2) from one file to one connected stream socket (TCP or unix-stream): the kernel moves
/// the file's page-cache pages to the socket without a copy through user memory. .NET's
/// <see cref="Socket.SendFile(string)"/> takes a path and sends the whole file, hence P/Invoke.
/// <see cref="Send"/> allocates nothing and returns errors as values.
/// </summary>
internal sealed unsafe class FileSender(Socket socket, SafeFileHandle file)
{
    private const int ErrnoBadFd = 9;

    /// <summary>
    /// Sends up to <paramref name="count"/> bytes of the file from <paramref name="offset"/>, which the
    /// kernel advances by the bytes sent. Returns those bytes, 0 at end of file, or the negated errno
    /// (-11 EAGAIN on a non-blocking socket, -32 EPIPE, -9 once the socket is disposed).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Send(ref long offset, int count)
    {
        // AddRef like Socket itself does: the runner stops workers by disposing sockets, and the fd
        // must not be closed (and reused) while this thread is inside sendfile.
        var handle = socket.SafeHandle;
        bool addedSocket = false;
        bool addedFile = false;
        try
        {
            handle.DangerousAddRef(ref addedSocket);
            file.DangerousAddRef(ref addedFile);
            fixed (long* position = &offset)
            {
                long sent = Libc.SendFile((int)handle.DangerousGetHandle(), (int)file.DangerousGetHandle(), position, (nuint)count);
                return sent >= 0 ? sent : -Marshal.GetLastPInvokeError();
            }
        }
        catch (ObjectDisposedException)
        {
            return -ErrnoBadFd;
        }
        finally
        {
            if (addedFile)
            {
                file.DangerousRelease();
            }

            if (addedSocket)
            {
                handle.DangerousRelease();
            }
        }
    }
}
