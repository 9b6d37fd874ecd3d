using System.Diagnostics.CodeAnalysis;
using CommandLine;

namespace LoopBench.Cli.Verbs;

/// <summary>
/// <c>loopbench __server</c>: the server end of a <c>processes: 2</c> case. Started by LoopBench itself
/// as <c>dotnet loopbench.dll __server</c> with the request on stdin; hidden from help.
/// </summary>
[Verb("__server", Hidden = true, HelpText = "Internal: run the server end of one case for the parent LoopBench process.")]
[SuppressMessage("Performance", "CA1812", Justification = "CommandLineParser creates the options of the verb it parses")]
internal sealed class InternalServerOptions
{
}
