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
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<bool> SendAllAsync(IChannel channel, ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            int sent = await channel.SendAsync(data);
            if (sent <= 0)
            {
                return false;
            }

            data = data[sent..];
        }

        return true;
    }

    /// <summary>
    /// Fills <paramref name="buffer"/>. Returns 1 when full, 0 on a clean end of stream before the
    /// first byte, -1 on error or end of stream mid-message.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<int> ReceiveExactAsync(IChannel channel, Memory<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int received = await channel.ReceiveAsync(buffer[total..]);
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
