using System.Collections.Concurrent;
using System.Text.Json;
using LoopBench.Core.Safety;

namespace LoopBench.Core.Running;

/// <summary>
/// processes: 2, the server child's pipe to its parent: reads the parent's <see cref="ServerEndMessage"/>
/// lines on a thread of its own (which also opens and closes the child's window, so that it trails the
/// parent's by one pipe hop), queues them, and writes the child's messages to stdout one line at a time.
/// </summary>
internal sealed class ServerEndParentLink
{
    private readonly BlockingCollection<ServerEndMessage?> _inbox = new();
    private readonly TextWriter _stdout;
    private readonly Action _onParentGone;
    private readonly Lock _gate = new();

    /// <summary>Starts reading <paramref name="stdin"/>; open and close go to <paramref name="window"/> as they arrive.</summary>
    public ServerEndParentLink(TextReader stdin, TextWriter stdout, ServerEndWindowControl window, Action onParentGone)
    {
        _stdout = stdout;
        _onParentGone = onParentGone;
        new Thread(() => ReadParent(stdin, window)) { IsBackground = true, Name = "lb-parent-read" }.Start();
    }

    /// <summary>Writes <paramref name="message"/> as one line; the worker's and the coordinator's lines never interleave.</summary>
    public void Send(ServerEndMessage message)
    {
        string line = JsonSerializer.Serialize(message, SandboxChildMessage.JsonOptions);
        lock (_gate)
        {
            _stdout.WriteLine(line);
            _stdout.Flush();
        }
    }

    /// <summary>The parent's next message within <paramref name="timeout"/>, or null; EOF (the parent is gone) calls the parent-gone action and throws.</summary>
    public ServerEndMessage? Next(TimeSpan timeout)
    {
        if (!_inbox.TryTake(out var message, timeout))
        {
            return null;
        }

        if (message is null)
        {
            _onParentGone();
            throw new IOException("the parent is gone");
        }

        return message;
    }

    private void ReadParent(TextReader stdin, ServerEndWindowControl window)
    {
        try
        {
            while (BoundedInput.ReadLine(stdin, BoundedInput.MaxLineChars, "parent message") is string line)
            {
                try
                {
                    if (JsonSerializer.Deserialize<ServerEndMessage>(line, SandboxChildMessage.JsonOptions) is { } message)
                    {
                        window.Obey(message.Kind);
                        _inbox.Add(message);
                    }
                }
                catch (JsonException)
                {
                    // not a message: ignored
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InputTooLargeException)
        {
            // a broken pipe is EOF too
        }

        _inbox.Add(null);
    }
}
