using System.Globalization;
using System.Net.Sockets;
using LoopBench.Core.Running;

namespace LoopBench.Cli;

/// <summary>
/// The last line of defence: an exception no command expected becomes exit 1 with one clear line,
/// never a runtime crash dump. Running out of file descriptors (a low <c>ulimit -n</c>) is named
/// as such, with the limit, because that is what the user can fix.
/// </summary>
internal static class FatalErrors
{
    private const int Emfile = 24;
    private const int Enfile = 23;
    private const int NearlyFullMargin = 4;

    /// <summary>Writes the error and returns the exit code for it.</summary>
    public static int Report(Exception exception, TextWriter stderr)
    {
        bool tableFull = DescriptorTableFull(out string limit);
        if (tableFull || IsOutOfDescriptors(exception))
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"loopbench: out of file descriptors (ulimit -n is {limit}): {exception.GetType().Name}: {exception.Message}; raise the limit with 'ulimit -n' or run fewer parallel flows"));
        }
        else
        {
            stderr.WriteLine($"loopbench: internal error: {exception.GetType().Name}: {exception.Message}");
        }

        return ExitCodes.Failure;
    }

    /// <summary>EMFILE or ENFILE anywhere in the chain, from a file or a socket.</summary>
    public static bool IsOutOfDescriptors(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.TooManyOpenSockets }
                || (e is IOException && (e.HResult is Emfile or Enfile || e.Message.Contains("Too many open files", StringComparison.Ordinal))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// With the descriptor table (nearly) full, the runtime's own failures are misleading: a lazily
    /// loaded assembly "cannot be found". The table, not the exception type, says what happened.
    /// </summary>
    private static bool DescriptorTableFull(out string limit)
    {
        limit = "low";
        if (FileDescriptorBudget.Read() is not var (open, max))
        {
            return false;
        }

        limit = max.ToString(CultureInfo.InvariantCulture);
        return open + NearlyFullMargin >= max;
    }
}
