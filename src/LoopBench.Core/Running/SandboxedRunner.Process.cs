using System.Diagnostics;
using System.Text.Json;
using LoopBench.Core.Engines;
using LoopBench.Core.Results;
using LoopBench.Core.Sandbox;
using LoopBench.Core.Scenarios;

namespace LoopBench.Core.Running;

/// <summary>The parent's process plumbing: starting the child, reading its messages, cleaning up.</summary>
public sealed partial class SandboxedRunner
{
    private Process Start(Queue<string> stderrTail, Case c)
    {
        var start = _child.StartInfo();

        if (InlineCompletions.Needs(c.Engine))
        {
            start.Environment[InlineCompletions.Variable] = "1";
        }

        var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderrTail)
                {
                    stderrTail.Enqueue(e.Data);
                    while (stderrTail.Count > StderrTailLines)
                    {
                        stderrTail.Dequeue();
                    }
                }
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        return process;
    }

    private (CaseResult? Result, SandboxReport? Report) Pump(Process process, Case c, string temp)
    {
        while (ReadChildLine(process) is string line)
        {
            SandboxChildMessage? message;
            try
            {
                message = JsonSerializer.Deserialize<SandboxChildMessage>(line, SandboxChildMessage.JsonOptions);
            }
            catch (JsonException)
            {
                continue; // not ours (a runtime banner); the result line decides
            }

            switch (message?.Kind)
            {
                case SandboxChildMessage.Ready:
                    ChildReady?.Invoke(new SandboxChildInfo(message.Pid ?? process.Id, message.NamespaceInode ?? 0, temp));
                    break;
                case SandboxChildMessage.Interval when message.Sample is not null:
                    IntervalCompleted?.Invoke(c, message.Repetition ?? 0, message.Sample);
                    break;
                case SandboxChildMessage.Result when message.CaseResult is not null:
                    return (message.CaseResult, message.Sandbox);
            }
        }

        return (null, null);
    }

    /// <summary>The child's next line; one over the size limit ends the pump (the case fails without a result).</summary>
    private static string? ReadChildLine(Process process)
    {
        try
        {
            return Safety.BoundedInput.ReadLine(process.StandardOutput, Safety.BoundedInput.MaxLineChars, "sandbox child output");
        }
        catch (Safety.InputTooLargeException)
        {
            return null;
        }
    }

    private static void CloseQuietly(StreamWriter stdin)
    {
        try
        {
            stdin.Close();
        }
        catch (IOException)
        {
            // broken pipe: the child is already gone
        }
    }

    private static string ExitCodeOf(Process process) =>
        process.HasExited ? (process.ExitCode > 128 ? $"{process.ExitCode} (signal {process.ExitCode - 128})" : process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture)) : "unknown";

    private static void DeleteTemp(DirectoryInfo temp)
    {
        for (int attempt = 0; attempt < 3 && Directory.Exists(temp.FullName); attempt++)
        {
            try
            {
                temp.Delete(recursive: true);
            }
            catch (IOException)
            {
                Thread.Sleep(50); // a socket file still being unlinked by the dying child
            }
        }
    }
}
