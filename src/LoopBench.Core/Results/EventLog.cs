using System.Text;
using System.Text.Json;

namespace LoopBench.Core.Results;

/// <summary>
/// events.jsonl: one JSON object per line, appended and flushed to disk after every repetition, so
/// whatever was measured survives a crash. Reading tolerates a torn last line.
/// </summary>
internal static class EventLog
{
    private static readonly JsonSerializerOptions LineOptions = new(ResultJson.Options) { WriteIndented = false };

    /// <summary>Appends one event as a line and fsyncs it; returns the bytes appended.</summary>
    public static long Append(string path, RunEvent e)
    {
        byte[] line = Line(e);
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(line);
        stream.Flush(flushToDisk: true);
        return line.Length;
    }

    /// <summary>The line <see cref="Append"/> writes for <paramref name="e"/>, newline included (UTF-8).</summary>
    internal static byte[] Line(RunEvent e) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(e, LineOptions) + "\n");

    /// <summary>
    /// Cuts a torn last line (a crash while appending) back to the last complete one, so that the
    /// next append starts a line of its own instead of joining the torn one and being lost with it.
    /// Returns the bytes cut.
    /// </summary>
    public static long TruncateTornTail(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        long length = stream.Length;
        if (length == 0)
        {
            return 0;
        }

        var one = new byte[1];
        long end = length;
        while (end > 0)
        {
            stream.Position = end - 1;
            if (stream.Read(one) == 1 && one[0] == (byte)'\n')
            {
                break;
            }

            end--;
        }

        if (end == length)
        {
            return 0;
        }

        stream.SetLength(end);
        stream.Flush(flushToDisk: true);
        return length - end;
    }

    /// <summary>Replays a log into a journal; throws <see cref="InvalidDataException"/> when it has no start event.</summary>
    public static RunJournal Read(string path)
    {
        RunJournal? journal = null;
        foreach (string line in BoundedLines(path))
        {
            RunEvent? e;
            try
            {
                e = JsonSerializer.Deserialize<RunEvent>(line, LineOptions);
            }
            catch (JsonException)
            {
                continue; // a line torn by a crash or a full disk: everything before it is intact
            }

            if (e is RunStartedEvent started)
            {
                journal ??= new RunJournal(started);
            }
            else if (e is not null)
            {
                journal?.Apply(e);
            }
        }

        return journal ?? throw new InvalidDataException($"{path} has no run-started event");
    }

    /// <summary>The non-empty lines of the log, each at most <see cref="Safety.BoundedInput.MaxLineChars"/> long.</summary>
    private static IEnumerable<string> BoundedLines(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        while (Safety.BoundedInput.ReadLine(reader, Safety.BoundedInput.MaxLineChars, $"event log '{path}'") is string line)
        {
            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }
}
