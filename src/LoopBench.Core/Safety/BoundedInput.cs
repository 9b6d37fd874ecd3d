using System.Text;

namespace LoopBench.Core.Safety;

/// <summary>
/// Size limits on everything read from a file or a peer, checked before the bytes are allocated.
/// iperf3's CVE-2023-38403 (an unchecked length from the peer) and its malformed-JSON CVEs are
/// the reason: no input decides how much memory LoopBench takes.
/// </summary>
internal static class BoundedInput
{
    /// <summary>A scenario file: hand-written YAML, far below this.</summary>
    public const long MaxScenarioBytes = 4L << 20;

    /// <summary>A run.json: 100 cases × 100 repetitions with buckets and intervals stay well under this.</summary>
    public const long MaxRunFileBytes = 256L << 20;

    /// <summary>A host-sysctl journal: a few keys.</summary>
    public const long MaxJournalBytes = 1L << 20;

    /// <summary>One JSON line from a sandbox child or an events.jsonl: one repetition's result.</summary>
    public const int MaxLineChars = 64 << 20;

    /// <summary>Output of an external tool (iperf3 --json and the like).</summary>
    public const int MaxToolOutputChars = 16 << 20;

    /// <summary>Reads <paramref name="path"/> as UTF-8, refusing (before reading) a file over <paramref name="maxBytes"/>.</summary>
    public static string ReadAllText(string path, long maxBytes, string what)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (file.CanSeek && file.Length > maxBytes)
        {
            throw TooLarge(what, path, file.Length, maxBytes);
        }

        // /proc-like files report length 0: read in chunks and stop just past the limit
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return ReadToEnd(reader, (int)Math.Min(maxBytes, int.MaxValue - 1), $"{what} '{path}'");
    }

    /// <summary>Reads one line (without its terminator), or null at the end; a line over <paramref name="maxChars"/> throws.</summary>
    public static string? ReadLine(TextReader reader, int maxChars, string what)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var line = new StringBuilder();
        while (true)
        {
            int c = reader.Read();
            if (c < 0)
            {
                return line.Length == 0 ? null : line.ToString();
            }

            if (c == '\n')
            {
                return line.Length > 0 && line[^1] == '\r' ? line.ToString(0, line.Length - 1) : line.ToString();
            }

            if (line.Length >= maxChars)
            {
                throw new InputTooLargeException($"{what}: a line longer than {maxChars} characters; refusing to buffer it");
            }

            line.Append((char)c);
        }
    }

    /// <summary>Reads <paramref name="reader"/> to its end; more than <paramref name="maxChars"/> throws (the rest is left unread).</summary>
    public static string ReadToEnd(TextReader reader, int maxChars, string what)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var text = new StringBuilder();
        char[] chunk = new char[16 * 1024];
        int read;
        while ((read = reader.Read(chunk, 0, chunk.Length)) > 0)
        {
            text.Append(chunk, 0, read);
            if (text.Length > maxChars)
            {
                throw new InputTooLargeException($"{what}: more than {maxChars} characters; refusing to buffer it");
            }
        }

        return text.ToString();
    }

    private static InputTooLargeException TooLarge(string what, string path, long size, long max) =>
        new($"{what} '{path}' is {size} bytes, over the limit of {max}; refusing to read it");
}
