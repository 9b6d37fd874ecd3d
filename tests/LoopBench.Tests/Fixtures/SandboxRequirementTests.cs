using Xunit.Sdk;

namespace LoopBench.Tests.Fixtures;

public sealed class SandboxRequirementTests
{
    [Fact]
    public void WhenRequired_ASkipIsAFailure_NamingTheVariableAndTheReason()
    {
        var ex = Assert.ThrowsAny<XunitException>(() => SandboxRequirement.SkipUnless(false, "needs CAP_NET_ADMIN", required: true));
        Assert.Contains("LOOPBENCH_REQUIRE_SANDBOX=1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("needs CAP_NET_ADMIN", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WhenNotRequired_ItSkipsWithTheReason()
    {
        Exception? ex = null;
        try
        {
            SandboxRequirement.SkipUnless(false, "needs CAP_NET_ADMIN", required: false);
        }
        catch (Exception caught) // xunit's skip signal, caught here so this test itself passes
        {
            ex = caught;
        }

        Assert.NotNull(ex);
        Assert.IsNotType<FailException>(ex);
        Assert.Contains("needs CAP_NET_ADMIN", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LOOPBENCH_REQUIRE_SANDBOX", ex.Message, StringComparison.Ordinal);
        SandboxRequirement.SkipUnless(true, "never shown", required: true); // a met condition neither skips nor fails
    }
}
