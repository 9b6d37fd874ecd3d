using CommandLine;
using CommandLine.Text;

namespace LoopBench.Cli.Verbs;

/// <summary><c>loopbench env</c>: what this host can do for sandboxed cases.</summary>
[Verb("env", HelpText = "Show what this host can do: root, CAP_NET_ADMIN, namespaces, congestion controls, working qdiscs, IPv6 on lo, limits, tools.")]
internal sealed class EnvOptions
{
    /// <summary>Two working command lines, shown by --help before the options.</summary>
    [Usage(ApplicationAlias = "loopbench")]
    public static IEnumerable<Example> Examples =>
    [
        VerbExamples.Of<EnvOptions>("What this host can do", _ => { }),
        VerbExamples.Of<EnvOptions>("The same as JSON", o => { o.Json = true; }),
    ];

    [Option("json", HelpText = "Print the capabilities as JSON on stdout instead of the table.")]
    public bool Json { get; set; }

    [Option("sysctls", HelpText = "Also list every sysctl a network namespace holds on this kernel (tried in a throwaway namespace; takes a second or two).")]
    public bool Sysctls { get; set; }
}
