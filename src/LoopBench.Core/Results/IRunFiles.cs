namespace LoopBench.Core.Results;

/// <summary>
/// The files of one run directory as <see cref="RunRecorder"/> writes them; tests replace it to
/// count what recording a repetition writes.
/// </summary>
internal interface IRunFiles
{
    /// <summary>Appends one event to events.jsonl and fsyncs it; returns the bytes appended.</summary>
    long Append(RunEvent e);

    /// <summary>Replaces the file <paramref name="name"/> atomically with what <paramref name="write"/> writes; returns its size in bytes.</summary>
    long Replace(string name, Action<Stream> write);
}
