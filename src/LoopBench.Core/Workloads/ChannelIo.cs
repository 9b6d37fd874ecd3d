using LoopBench.Core.Engines;

namespace LoopBench.Core.Workloads;

/// <summary>Whole-message helpers over <see cref="IChannel"/>; allocation-free when calls complete synchronously.</summary>
internal static class ChannelIo
{
    /// <summary>Sends all of <paramref name="data"/>; false on error.</summary>
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
