using LoopBench.Core.Engines;
using LoopBench.Core.Workloads;

namespace LoopBench.Tests.Fixtures;

/// <summary>
/// A datagram channel on a <see cref="FakeClock"/>: each send completes synchronously, records the
/// header it carried and the tick it started at, and costs <see cref="SendCostTicks"/> of fake time,
/// plus a stall where the test planted one.
/// </summary>
internal sealed class RecordingChannel(FakeClock clock) : IChannel
{
    private readonly Dictionary<long, long> _stallTicks = [];

    /// <summary>One send as the channel saw it.</summary>
    public readonly record struct Sent(long Sequence, long IntendedTicks, long ActualTicks, bool InWindow, long StartedTicks, int Bytes);

    public long SendCostTicks { get; init; } = 1_000;

    /// <summary>Every send, end markers included, in order.</summary>
    public List<Sent> Sends { get; } = [];

    /// <summary>The datagrams only, without the end markers.</summary>
    public IEnumerable<Sent> Datagrams => Sends.Where(s => s.Sequence != DatagramHeader.EndMarker);

    public string? LastError => null;

    public EngineCounters Counters { get; } = new();

    /// <summary>Makes the send of <paramref name="sequence"/> take <paramref name="ticks"/> more (a full queue, a preempted thread).</summary>
    public void StallAt(long sequence, long ticks) => _stallTicks[sequence] = ticks;

    public ValueTask<int> SendAsync(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        long sequence = DatagramHeader.Sequence(span);
        Sends.Add(new Sent(sequence, DatagramHeader.IntendedTicks(span), DatagramHeader.ActualTicks(span), DatagramHeader.InWindow(span), clock.NowTicks(), data.Length));
        clock.Advance(SendCostTicks + _stallTicks.GetValueOrDefault(sequence));
        return ValueTask.FromResult(data.Length);
    }

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer) => throw new NotSupportedException("a sender's channel");

    public void ShutdownSend()
    {
    }

    public void Abort()
    {
    }

    public void Dispose()
    {
    }
}
