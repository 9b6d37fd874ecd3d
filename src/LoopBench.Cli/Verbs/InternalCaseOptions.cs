using System.Diagnostics.CodeAnalysis;
using CommandLine;

namespace LoopBench.Cli.Verbs;

/// <summary>
/// <c>loopbench __case</c>: the child of a sandboxed case. Started by LoopBench itself as
/// <c>unshare --net -- dotnet loopbench.dll __case</c> with the request on stdin; hidden from help.
/// </summary>
[Verb("__case", Hidden = true, HelpText = "Internal: run one case inside the network namespace this process was started in.")]
[SuppressMessage("Performance", "CA1812", Justification = "CommandLineParser creates the options of the verb it parses")]
internal sealed class InternalCaseOptions
{
}
