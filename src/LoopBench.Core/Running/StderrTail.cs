namespace LoopBench.Core.Running;

/// <summary>
/// The last lines a child process wrote to stderr, kept for the failure message when it dies
/// without a report. Fed from the process's stderr event thread, read from another: locked.
/// </summary>
internal sealed class StderrTail
{
    private const int Lines = 20;

    private readonly Queue<string> _lines = new();

    /// <summary>Keeps <paramref name="line"/>, dropping the oldest beyond the last 20; null (end of stream) is ignored.</summary>
    public void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > Lines)
            {
                _lines.Dequeue();
            }
        }
    }

    /// <summary>The kept lines joined by " | ", or "(empty)".</summary>
    public override string ToString()
    {
        lock (_lines)
        {
            return _lines.Count > 0 ? string.Join(" | ", _lines) : "(empty)";
        }
    }
}
