using LoopBench.Core.Sandbox;

namespace LoopBench.Tests.Fixtures;

/// <summary>
/// Skips for sandbox tests, with a reason. CI sets LOOPBENCH_REQUIRE_SANDBOX=1 and runs as root:
/// there a skip would hide a broken sandbox, so every skip becomes a failure.
/// </summary>
internal static class SandboxRequirement
{
    public const string RequireVariable = "LOOPBENCH_REQUIRE_SANDBOX";

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Skips (or, when required, fails) unless <paramref name="condition"/> holds; <paramref name="required"/> overrides the variable (for its own test).</summary>
    public static void SkipUnless(bool condition, string reason, bool? required = null)
    {
        if (condition)
        {
            return;
        }

        if (required ?? Required)
        {
            Assert.Fail($"{RequireVariable}=1 but this sandbox test would skip: {reason}");
        }

        Assert.Skip(reason);
    }

    /// <summary>Needs root, CAP_NET_ADMIN and a working <c>unshare --net</c>.</summary>
    public static Capabilities Namespaces()
    {
        var caps = CapabilitiesProbe.Current;
        SkipUnless(caps.CanCreateNetworkNamespace, caps.NamespaceError ?? "needs CAP_NET_ADMIN for unshare(CLONE_NEWNET)");
        return caps;
    }

    /// <summary>The child command for tests: the loopbench.dll copied beside the test assembly.</summary>
    public static SandboxChildCommand Child() =>
        SandboxChildCommand.ForAssembly(Path.Combine(AppContext.BaseDirectory, "loopbench.dll"));
}
