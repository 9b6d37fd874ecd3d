using CommandLine;
using CommandLine.Text;

namespace LoopBench.Cli.Verbs;

/// <summary><c>loopbench restore</c>: put back host sysctls journaled by a run that crashed.</summary>
[Verb("restore", HelpText = "Restore host sysctls from the journal a crashed --allow-host-sysctls run left in /run/loopbench.")]
internal sealed class RestoreOptions
{
    /// <summary>Two working command lines, shown by --help before the options.</summary>
    [Usage(ApplicationAlias = "loopbench")]
    public static IEnumerable<Example> Examples =>
    [
        VerbExamples.Of<RestoreOptions>("Restore the host sysctls a crashed run left changed", _ => { }),
        VerbExamples.Of<RestoreOptions>("Restore from a journal in another directory", o => { o.RunDirectory = "/run/loopbench"; }),
    ];

    [Option("run-dir", HelpText = "Directory of the journal and lock. Default: /run/loopbench.")]
    public string? RunDirectory { get; set; }

    [Option("proc-sys", HelpText = "Root of the sysctl tree (for tests). Default: /proc/sys.")]
    public string? ProcSysRoot { get; set; }
}
