using System.Text.Json;

namespace LoopBench.Tests.Cli;

/// <summary>The runtime settings loopbench starts with (its runtimeconfig.json, copied beside the tests).</summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void Loopbench_SettlesTieringBeforeTheWindow_AndKeepsTheGcQuiet()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "loopbench.runtimeconfig.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var properties = doc.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        // Hot methods recompiled once and at once, during set-up and warm-up, not queued into the window.
        Assert.False(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());
        Assert.Equal(0, properties.GetProperty("System.Runtime.TieredCompilation.CallCountingDelayMs").GetInt32());
        Assert.False(properties.TryGetProperty("System.Runtime.TieredCompilation", out _)); // tiering itself stays on: start-up
        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.False(properties.GetProperty("System.GC.Concurrent").GetBoolean());
    }
}
