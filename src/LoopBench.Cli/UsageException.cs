using LoopBench.Core;

namespace LoopBench.Cli;

/// <summary>Bad command-line input: the message names the flag and what is valid. Exit code 2.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>
    /// The value of a closed-set option: <paramref name="id"/> (as the caller normalized it) read as a
    /// <typeparamref name="T"/> id, or a usage error naming the flag, the value as given and every valid id.
    /// </summary>
    public static T ParseId<T>(string? id, string flag, string noun, string? given)
        where T : struct, Enum =>
        EnumIds.TryParse(id, out T value) ? value
            : throw new UsageException($"{flag}: unknown {noun} '{given}'; valid: {string.Join(", ", EnumIds.Ids<T>())}");
}
