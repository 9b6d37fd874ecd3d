using System.Text;

namespace LoopBench.Core.Sandbox;

/// <summary>
/// Host-wide sysctls changed for a run (only with --allow-host-sysctls): one such run per host,
/// under a file lock; old values journaled and fsynced before the first write; restored on
/// <see cref="Dispose"/> (end of run, Ctrl-C, SIGTERM, process exit) or by <see cref="RestoreFromJournal"/>
/// (<c>loopbench restore</c>) after a crash.
/// </summary>
internal sealed class HostSysctls : IDisposable
{
    private readonly HostSysctlPaths _paths;
    private readonly SysctlJournalDocument _journal;
    private readonly EventHandler _onExit;
    private readonly System.Runtime.InteropServices.PosixSignalRegistration[] _onSignals;
    private FileStream? _lock;

    private HostSysctls(HostSysctlPaths paths, SysctlJournalDocument journal, FileStream lockFile)
    {
        _paths = paths;
        _journal = journal;
        _lock = lockFile;
        _onExit = (_, _) => Restore();
        AppDomain.CurrentDomain.ProcessExit += _onExit;
        // ProcessExit does not run when SIGTERM or SIGHUP kills the process (found by
        // Hardening/SignalFaultTests): restore from the signal itself, then let it do what it would.
        _onSignals =
        [
            System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, _ => RestoreQuietly()),
            System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGHUP, _ => RestoreQuietly()),
        ];
    }

    /// <summary>The journaled changes.</summary>
    public IReadOnlyList<SysctlJournalEntry> Entries => _journal.Entries;

    /// <summary>Takes the lock, journals the old values, then applies <paramref name="changes"/> and reads each back.</summary>
    public static HostSysctls Apply(IReadOnlyDictionary<string, string> changes, HostSysctlPaths? paths = null)
    {
        ArgumentNullException.ThrowIfNull(changes);
        paths ??= HostSysctlPaths.Host;
        var lockFile = TakeLock(paths);
        HostSysctls? session = null;
        try
        {
            if (File.Exists(paths.JournalPath))
            {
                throw new HostSysctlException($"an unrestored host sysctl journal exists ({paths.JournalPath}); run `loopbench restore` first");
            }

            var entries = changes.Select(c => new SysctlJournalEntry(SysctlName.Normalize(c.Key), ReadValue(paths, SysctlName.Normalize(c.Key)), SysctlName.Fold(c.Value))).ToList();
            var journal = new SysctlJournalDocument(SysctlJournal.CurrentVersion, paths.ReadBootId(), System.Environment.ProcessId, DateTimeOffset.UtcNow, entries);
            SysctlJournal.Write(paths, journal);
            session = new HostSysctls(paths, journal, lockFile);
            foreach (var entry in entries)
            {
                WriteAndVerify(paths, entry.Key, entry.NewValue);
            }

            return session;
        }
        catch
        {
            if (session is not null)
            {
                session.Dispose(); // puts back whatever was written, deletes the journal, releases the lock
            }
            else
            {
                lockFile.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// <c>loopbench restore</c>: applies a journal left by a crashed run. Returns what was restored
    /// (empty when there is no journal). Refuses a journal from another boot, a corrupt one, and
    /// one whose run still holds the lock.
    /// </summary>
    public static IReadOnlyList<SysctlJournalEntry> RestoreFromJournal(HostSysctlPaths? paths = null)
    {
        paths ??= HostSysctlPaths.Host;
        if (!File.Exists(paths.JournalPath))
        {
            return [];
        }

        using var lockFile = TakeLock(paths);
        var journal = SysctlJournal.Read(paths);
        if (journal is null)
        {
            return [];
        }

        string boot = paths.ReadBootId();
        if (journal.BootId != boot)
        {
            throw new HostSysctlException($"the journal {paths.JournalPath} is from boot {journal.BootId}, this is boot {boot}: "
                + "the reboot already reset every sysctl, so nothing was restored; check it and delete it by hand");
        }

        RestoreEntries(paths, journal.Entries);
        SysctlJournal.Delete(paths);
        return journal.Entries;
    }

    /// <summary>Puts every old value back, verifies it, deletes the journal and releases the lock. Idempotent.</summary>
    public void Restore()
    {
        var lockFile = Interlocked.Exchange(ref _lock, null);
        if (lockFile is null)
        {
            return;
        }

        try
        {
            RestoreEntries(_paths, _journal.Entries);
            SysctlJournal.Delete(_paths); // only after every value is back: a failure leaves it for `loopbench restore`
        }
        finally
        {
            lockFile.Dispose();
            AppDomain.CurrentDomain.ProcessExit -= _onExit;
            foreach (var registration in _onSignals)
            {
                registration.Dispose();
            }
        }
    }

    /// <summary>Restore from a signal handler: a failure keeps the journal for <c>loopbench restore</c>, and must not throw there.</summary>
    private void RestoreQuietly()
    {
        try
        {
            Restore();
        }
        catch (HostSysctlException)
        {
            // the journal stays; `loopbench restore` finishes the job
        }
    }

    /// <summary>Restores (see <see cref="Restore"/>).</summary>
    public void Dispose() => Restore();

    private static void RestoreEntries(HostSysctlPaths paths, IReadOnlyList<SysctlJournalEntry> entries)
    {
        var failures = new List<string>();
        foreach (var entry in entries.Reverse())
        {
            try
            {
                WriteAndVerify(paths, entry.Key, entry.OldValue);
            }
            catch (Exception ex) when (ex is HostSysctlException or IOException or UnauthorizedAccessException)
            {
                failures.Add(ex.Message);
            }
        }

        if (failures.Count > 0)
        {
            throw new HostSysctlException($"could not restore every host sysctl; the journal {paths.JournalPath} is kept: {string.Join("; ", failures)}");
        }
    }

    private static FileStream TakeLock(HostSysctlPaths paths)
    {
        Safety.PrivateDirectory.Ensure(paths.RunDirectory, "host-sysctl journal directory");
        try
        {
            // FileShare.None is an flock(LOCK_EX | LOCK_NB) on Linux: it dies with the process, so a crash never leaves it held.
            return new FileStream(paths.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new HostSysctlException($"another LoopBench run is changing host sysctls ({paths.LockPath} is locked); only one at a time per host", ex);
        }
    }

    private static string ReadValue(HostSysctlPaths paths, string key)
    {
        string path = SysctlName.PathOf(paths.ProcSysRoot, key);
        return File.Exists(path) ? SysctlName.Fold(File.ReadAllText(path)) : throw new HostSysctlException($"{key}: no such sysctl on this host");
    }

    private static void WriteAndVerify(HostSysctlPaths paths, string key, string value)
    {
        string path = SysctlName.PathOf(paths.ProcSysRoot, key);
        try
        {
            using (var file = new FileStream(path, FileMode.Truncate, FileAccess.Write))
            {
                file.Write(Encoding.ASCII.GetBytes(value + "\n"));
            }
        }
        catch (IOException ex)
        {
            throw new HostSysctlException($"{key} = '{value}': the kernel refused it ({ex.Message.Trim()})", ex);
        }

        string read = ReadValue(paths, key);
        if (read != SysctlName.Fold(value))
        {
            throw new HostSysctlException($"{key}: asked '{SysctlName.Fold(value)}', read '{read}'");
        }
    }
}
