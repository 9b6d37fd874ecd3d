using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoopBench.Core.Sandbox;

/// <summary>Where host sysctls live and where their journal and lock go; tests point both at a temp directory.</summary>
/// <param name="ProcSysRoot">Root of the sysctl tree. Defaults to /proc/sys.</param>
/// <param name="RunDirectory">Journal and lock directory; /run is cleared at boot, like sysctls. Defaults to /run/loopbench.</param>
internal sealed record HostSysctlPaths(string ProcSysRoot = "/proc/sys", string RunDirectory = "/run/loopbench")
{
    /// <summary>The real host.</summary>
    public static HostSysctlPaths Host { get; } = new();

    /// <summary>The journal file.</summary>
    public string JournalPath => Path.Combine(RunDirectory, "host-sysctls.journal.json");

    /// <summary>The lock file: one run that changes host sysctls per host at a time.</summary>
    public string LockPath => Path.Combine(RunDirectory, "host-sysctls.lock");

    /// <summary>This boot's id, from kernel/random/boot_id under the sysctl root.</summary>
    public string ReadBootId() => File.ReadAllText(Path.Combine(ProcSysRoot, "kernel/random/boot_id")).Trim();
}

/// <summary>One journaled host sysctl.</summary>
/// <param name="Key">Dotted name.</param>
/// <param name="OldValue">Value before LoopBench changed it, as read (whitespace folded).</param>
/// <param name="NewValue">Value LoopBench set.</param>
internal sealed record SysctlJournalEntry(string Key, string OldValue, string NewValue);

/// <summary>The journal: written and fsynced before any host sysctl changes.</summary>
/// <param name="Version">Format version, 1.</param>
/// <param name="BootId">Boot the values belong to; a journal from another boot is never applied.</param>
/// <param name="Pid">The run that wrote it.</param>
/// <param name="StartedUtc">When it was written.</param>
/// <param name="Entries">Every key to restore.</param>
internal sealed record SysctlJournalDocument(int Version, string BootId, int Pid, DateTimeOffset StartedUtc, IReadOnlyList<SysctlJournalEntry> Entries);

/// <summary>Reads and writes the journal file. Writing is durable (fsync) and never overwrites an existing journal.</summary>
internal static class SysctlJournal
{
    /// <summary>The only format this build reads and writes.</summary>
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Writes <paramref name="document"/> as a new file and fsyncs it; fails if a journal already exists.</summary>
    public static void Write(HostSysctlPaths paths, SysctlJournalDocument document)
    {
        ArgumentNullException.ThrowIfNull(paths);
        Safety.PrivateDirectory.Ensure(paths.RunDirectory, "host-sysctl journal directory");
        byte[] bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(document, Json));
        using var file = new FileStream(paths.JournalPath, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        file.Write(bytes);
        file.Flush(flushToDisk: true);
    }

    /// <summary>The journal, or null when there is none; throws <see cref="CorruptJournalException"/> with the raw text when it cannot be trusted.</summary>
    public static SysctlJournalDocument? Read(HostSysctlPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (!File.Exists(paths.JournalPath))
        {
            return null;
        }

        string text = Safety.BoundedInput.ReadAllText(paths.JournalPath, Safety.BoundedInput.MaxJournalBytes, "host-sysctl journal");
        SysctlJournalDocument? doc;
        try
        {
            doc = JsonSerializer.Deserialize<SysctlJournalDocument>(text, Json);
        }
        catch (JsonException ex)
        {
            throw new CorruptJournalException(paths.JournalPath, text, ex.Message);
        }

        string? problem = doc switch
        {
            null => "empty document",
            { Version: not CurrentVersion } => $"version {doc.Version}, this build reads {CurrentVersion}",
            _ when string.IsNullOrWhiteSpace(doc.BootId) => "no boot id",
            _ when doc.Entries is null || doc.Entries.Any(e => e is null || !SysctlName.IsValid(e.Key) || e.OldValue is null) => "an entry without a valid key or old value",
            _ => null,
        };
        return problem is null ? doc : throw new CorruptJournalException(paths.JournalPath, text, problem);
    }

    /// <summary>Deletes the journal after a complete restore.</summary>
    public static void Delete(HostSysctlPaths paths) => File.Delete(paths.JournalPath);
}

/// <summary>The journal cannot be trusted; <c>loopbench restore</c> shows it and changes nothing.</summary>
internal sealed class CorruptJournalException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CorruptJournalException(string path, string text, string problem)
        : base($"the journal {path} is corrupt ({problem}); nothing was restored. Its content:{System.Environment.NewLine}{text}")
    {
        JournalPath = path;
        Text = text;
    }

    /// <summary>Creates the exception.</summary>
    public CorruptJournalException()
    {
        JournalPath = Text = string.Empty;
    }

    /// <summary>Creates the exception.</summary>
    public CorruptJournalException(string message)
        : base(message)
    {
        JournalPath = Text = string.Empty;
    }

    /// <summary>Creates the exception.</summary>
    public CorruptJournalException(string message, Exception innerException)
        : base(message, innerException)
    {
        JournalPath = Text = string.Empty;
    }

    /// <summary>The journal file.</summary>
    public string JournalPath { get; }

    /// <summary>Its raw content.</summary>
    public string Text { get; }
}
