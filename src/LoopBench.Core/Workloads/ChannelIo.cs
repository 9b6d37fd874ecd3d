using System.Runtime.CompilerServices;
using LoopBench.Core.Engines;

namespace LoopBench.Core.Workloads;

/// <summary>
/// Whole-message helpers over <see cref="IChannel"/>, called once per message. When a call completes
/// synchronously nothing is allocated; when it yields (async engines), the state machine comes from
/// <see cref="PoolingAsyncValueTaskMethodBuilder{TResult}"/>'s cache instead of a new box: without
/// it, rr on the async and networkstream engines allocated ~266 B per transaction (issue 10).
/// </summary>
internal static class ChannelIo
{
    /// <summary>Sends all of <paramref name="data"/>; false on error.</summary>
    /// <remarks>
    /// A call that moves the whole message at once (a blocking or spinning send of a small message, the
    /// usual case) returns without entering an async method: a send and a receive then cost ~9 ns
    /// instead of ~24 ns through the state machine (ChannelIoBenchmarks), paid on both ends of every
    /// round trip.
    /// </remarks>
    public static ValueTask<bool> SendAllAsync(IChannel channel, ReadOnlyMemory<byte> data)
    {
        if (data.IsEmpty)
        {
            return new ValueTask<bool>(true);
        }

        var first = channel.SendAsync(data);
        if (!first.IsCompletedSuccessfully)
        {
            return SendRestAsync(channel, data, first);
        }

        int sent = first.Result;
        return sent <= 0 ? new ValueTask<bool>(false)
            : sent == data.Length ? new ValueTask<bool>(true)
            : SendRestAsync(channel, data[sent..], null);
    }

    /// <summary>
    /// Fills <paramref name="buffer"/>. Returns 1 when full, 0 on a clean end of stream before the
    /// first byte, -1 on error or end of stream mid-message. A first read that fills the buffer returns
    /// without an async method, as <see cref="SendAllAsync"/>.
    /// </summary>
    public static ValueTask<int> ReceiveExactAsync(IChannel channel, Memory<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return new ValueTask<int>(1);
        }

        var first = channel.ReceiveAsync(buffer);
        if (!first.IsCompletedSuccessfully)
        {
            return ReceiveRestAsync(channel, buffer, 0, first);
        }

        int received = first.Result;
        return received <= 0 ? new ValueTask<int>(received == 0 ? 0 : -1)
            : received == buffer.Length ? new ValueTask<int>(1)
            : ReceiveRestAsync(channel, buffer, received, null);
    }

    /// <summary>The rest of a send: <paramref name="pending"/> (when not null) is a call on <paramref name="data"/> still under way.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<bool> SendRestAsync(IChannel channel, ReadOnlyMemory<byte> data, ValueTask<int>? pending)
    {
        while (!data.IsEmpty)
        {
            int sent = pending is { } call ? await call : await channel.SendAsync(data);
            pending = null;
            if (sent <= 0)
            {
                return false;
            }

            data = data[sent..];
        }

        return true;
    }

    /// <summary>The rest of a receive after <paramref name="total"/> bytes: <paramref name="pending"/> (when not null) is a call into buffer[total..] still under way.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<int> ReceiveRestAsync(IChannel channel, Memory<byte> buffer, int total, ValueTask<int>? pending)
    {
        while (total < buffer.Length)
        {
            int received = pending is { } call ? await call : await channel.ReceiveAsync(buffer[total..]);
            pending = null;
            if (received <= 0)
            {
                return received == 0 && total == 0 ? 0 : -1;
            }

            total += received;
        }

        return 1;
    }

    /// <summary>A pinned buffer filled with a fixed non-zero pattern.</summary>
    public static byte[] NewBuffer(int bytes)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(bytes, pinned: true);
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (byte)(i * 31 + 7);
        }

        return buffer;
    }
}
