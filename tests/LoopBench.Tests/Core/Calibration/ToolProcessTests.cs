using System.Diagnostics;
using LoopBench.Core.Calibration;

namespace LoopBench.Tests.Core.Calibration;

/// <summary>A tool server does not outlive the LoopBench that started it.</summary>
public sealed class ToolProcessTests
{
    [Fact(Timeout = 30_000)]
    public void StartServer_TheServerGetsKilled_WhenItsStarterGoes()
    {
        Assert.SkipUnless(ToolProcess.IsInstalled("setpriv"), "setpriv (util-linux) is not installed: servers are started without a parent-death signal");
        // The parent-death signal follows the thread that forked: a thread that starts the server and
        // ends stands in for a calibrate killed outright.
        Process? server = null;
        var starter = new Thread(() =>
        {
            server = ToolProcess.StartServer(["sleep", "60"], cpu: null);
            // setpriv sets the signal and then execs the tool: until the tool runs, the signal may
            // not be set yet, and a starter gone before that would leave nothing to send it
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!IsRunning(server.Id, "sleep") && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(10);
            }
        });
        starter.Start();
        starter.Join();
        try
        {
            Assert.True(server!.WaitForExit(10_000), "the server outlived the thread that started it");
        }
        finally
        {
            ToolProcess.Stop(server!);
        }
    }

    [Fact(Timeout = 30_000)]
    public void StartServer_ThenStop_StopsItByPid()
    {
        var server = ToolProcess.StartServer(["sleep", "60"], cpu: null);
        int pid = server.Id;
        Assert.False(server.HasExited);
        ToolProcess.Stop(server);
        Assert.False(File.Exists($"/proc/{pid}/status") && !File.ReadAllText($"/proc/{pid}/status").Contains("State:\tZ", StringComparison.Ordinal),
            "the server still runs after Stop");
    }

    private static bool IsRunning(int pid, string command)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() == command;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
