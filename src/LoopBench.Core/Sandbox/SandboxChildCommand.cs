using System.Runtime.InteropServices;

namespace LoopBench.Core.Sandbox;

/// <summary>
/// How to start the LoopBench CLI as a sandbox child: the program and the arguments before the
/// hidden <c>__case</c> verb. The parent runs <c>unshare --net -- Executable Prefix... __case</c>.
/// </summary>
/// <param name="Executable">The dotnet host, or the loopbench apphost.</param>
/// <param name="Prefix">Arguments before the verb: the CLI assembly when <paramref name="Executable"/> is dotnet.</param>
internal sealed record SandboxChildCommand(string Executable, IReadOnlyList<string> Prefix)
{
    /// <summary>The hidden CLI verb the child runs.</summary>
    public const string Verb = "__case";

    /// <summary>The hidden CLI verb of a <c>processes: 2</c> server child.</summary>
    public const string ServerEndVerb = "__server";

    /// <summary><c>dotnet &lt;cliAssemblyPath&gt;</c>, with the dotnet host located as in <see cref="LocateDotnetHost"/>.</summary>
    public static SandboxChildCommand ForAssembly(string cliAssemblyPath) =>
        File.Exists(cliAssemblyPath)
            ? new SandboxChildCommand(LocateDotnetHost(), [Path.GetFullPath(cliAssemblyPath)])
            : throw new FileNotFoundException("the LoopBench CLI assembly is not there", cliAssemblyPath);

    /// <summary>
    /// True (the default): the child starts in a new network namespace (<c>unshare --net --</c>).
    /// False: a plain child in the host's namespace, for what needs a process of its own but no
    /// namespace (an engine that needs a runtime setting read at start-up, such as async-inline).
    /// </summary>
    public bool Isolate { get; init; } = true;

    /// <summary>The verb the child runs: <see cref="Verb"/> (the default) or <see cref="ServerEndVerb"/>.</summary>
    public string ChildVerb { get; init; } = Verb;

    /// <summary>The full argv the parent starts.</summary>
    public IReadOnlyList<string> Argv() => Isolate ? ["unshare", "--net", "--", Executable, .. Prefix, ChildVerb] : [Executable, .. Prefix, ChildVerb];

    /// <summary>How to start <see cref="Argv"/>: no shell, all three standard streams redirected (the parent talks to the child over them).</summary>
    public System.Diagnostics.ProcessStartInfo StartInfo()
    {
        var argv = Argv();
        var start = new System.Diagnostics.ProcessStartInfo(argv[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in argv.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>
    /// The dotnet host: this process when it is dotnet, else DOTNET_HOST_PATH (set by the SDK for
    /// test hosts), else the dotnet beside the running shared framework, else "dotnet" on PATH.
    /// </summary>
    public static string LocateDotnetHost()
    {
        string? self = System.Environment.ProcessPath;
        if (self is not null && Path.GetFileName(self) == "dotnet")
        {
            return self;
        }

        if (System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is string hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/ → <root>/dotnet
        var framework = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory().TrimEnd('/'));
        string? root = framework.Parent?.Parent?.Parent?.FullName;
        return root is not null && File.Exists(Path.Combine(root, "dotnet")) ? Path.Combine(root, "dotnet") : "dotnet";
    }
}
