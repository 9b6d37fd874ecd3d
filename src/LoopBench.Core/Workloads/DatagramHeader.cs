using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace LoopBench.Core.Workloads;

/// <summary>
/// The header every paced or timed datagram carries, little-endian: sequence (8 bytes), intended
/// send time (8, Stopwatch ticks), actual send time (8), flags (1: sent inside the window).
/// Both ends share one clock, so one-way delay is receive time minus send time.
/// </summary>
internal static class DatagramHeader
{
    /// <summary>Smallest message a datagram-style pattern accepts.</summary>
    public const int MinMessageBytes = 32;

    /// <summary>The sequence of the end-of-flow marker the sender sends after T1.</summary>
    public const long EndMarker = -1;

    private const int FlagInWindow = 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(Span<byte> message, long sequence, long intendedTicks, long actualTicks, bool inWindow)
    {
        BinaryPrimitives.WriteInt64LittleEndian(message, sequence);
        BinaryPrimitives.WriteInt64LittleEndian(message[8..], intendedTicks);
        BinaryPrimitives.WriteInt64LittleEndian(message[16..], actualTicks);
        message[24] = inWindow ? (byte)FlagInWindow : (byte)0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Sequence(ReadOnlySpan<byte> message) => BinaryPrimitives.ReadInt64LittleEndian(message);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long IntendedTicks(ReadOnlySpan<byte> message) => BinaryPrimitives.ReadInt64LittleEndian(message[8..]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ActualTicks(ReadOnlySpan<byte> message) => BinaryPrimitives.ReadInt64LittleEndian(message[16..]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool InWindow(ReadOnlySpan<byte> message) => (message[24] & FlagInWindow) != 0;

    /// <summary>True for errors after which a datagram send or receive may simply be retried.</summary>
    public static bool IsTransient(string? error) =>
        error is "WouldBlock" or "TimedOut" or "NoBufferSpaceAvailable" or "TryAgain" or "Interrupted";
}
