using LoopBench.Cli.Verbs;
using LoopBench.Core.Sandbox;

namespace LoopBench.Cli.Commands;

/// <summary>Restores host sysctls from the journal; refuses a corrupt journal or one from another boot, and says why.</summary>
internal sealed class RestoreCommand(TextWriter stdout, TextWriter stderr)
{
    public int Execute(RestoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var paths = new HostSysctlPaths(options.ProcSysRoot ?? HostSysctlPaths.Host.ProcSysRoot, options.RunDirectory ?? HostSysctlPaths.Host.RunDirectory);
        try
        {
            var restored = HostSysctls.RestoreFromJournal(paths);
            if (restored.Count == 0)
            {
                stdout.WriteLine($"nothing to restore: no journal at {paths.JournalPath}");
                return ExitCodes.Ok;
            }

            foreach (var entry in restored)
            {
                stdout.WriteLine($"restored {entry.Key} = {entry.OldValue} (was set to {entry.NewValue})");
            }

            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is HostSysctlException or CorruptJournalException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"loopbench restore: {ex.Message}");
            return ExitCodes.Failure;
        }
    }
}
