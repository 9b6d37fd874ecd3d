using System.Globalization;
using System.Text;

namespace LoopBench.Core.Results;

/// <summary>
/// One writer per run directory: an exclusive lock on <c>.lock</c> (FileShare.None is
/// flock(LOCK_EX | LOCK_NB) on Linux, released by the kernel when the process dies, so a crash
/// never leaves it held) and the holder's pid in <c>.writer</c> for the refusal message.
/// Two resumes of one run would otherwise both run every remaining repetition.
/// </summary>
internal sealed class RunDirectoryLock : IDisposable
{
    /// <summary>The file that is locked.</summary>
    public const string LockFile = ".lock";

    /// <summary>The file that names the holder's pid.</summary>
    public const string WriterFile = ".writer";

    private readonly FileStream _lock;

    private RunDirectoryLock(FileStream held) => _lock = held;

    /// <summary>Takes the lock, or throws <see cref="RunLockedException"/> naming the process that holds it.</summary>
    public static RunDirectoryLock Acquire(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        FileStream held;
        try
        {
            held = new FileStream(Path.Combine(directory, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
        {
            string holder = ReadWriter(directory) is int pid ? $"process {pid.ToString(CultureInfo.InvariantCulture)}" : "another process";
            throw new RunLockedException($"run directory '{directory}' is being written by {holder}; wait for it to finish or stop it first", ex);
        }

        ResultStore.WriteAtomic(Path.Combine(directory, WriterFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        return new RunDirectoryLock(held);
    }

    /// <inheritdoc/>
    public void Dispose() => _lock.Dispose();

    private static int? ReadWriter(string directory)
    {
        try
        {
            string text = File.ReadAllText(Path.Combine(directory, WriterFile), Encoding.ASCII).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>The run directory is locked by another writer.</summary>
internal sealed class RunLockedException : IOException
{
    /// <summary>Creates the exception.</summary>
    public RunLockedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RunLockedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public RunLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
