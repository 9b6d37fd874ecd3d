namespace LoopBench.Core.Measurement;

/// <summary>
/// The fields of struct tcp_info (include/uapi/linux/tcp.h) LoopBench reports, as one socket saw
/// them at one instant. Fields the running kernel did not return (older kernels return a shorter
/// struct) are null. Times are microseconds as the kernel keeps them, rates bytes per second.
/// </summary>
internal readonly record struct TcpInfoSnapshot
{
    /// <summary>Bytes the kernel returned; the fields beyond it are null.</summary>
    public int LengthBytes { get; init; }

    /// <summary>tcpi_state (1 = ESTABLISHED).</summary>
    public byte State { get; init; }

    /// <summary>tcpi_ca_state: 0 open, 1 disorder, 2 CWR, 3 recovery, 4 loss.</summary>
    public byte CaState { get; init; }

    /// <summary>tcpi_retransmits: consecutive RTO retransmits of the head segment now.</summary>
    public byte Retransmits { get; init; }

    /// <summary>tcpi_rto in µs.</summary>
    public uint RtoUs { get; init; }

    /// <summary>tcpi_snd_mss: MSS the sender uses now, in bytes.</summary>
    public uint SendMssBytes { get; init; }

    /// <summary>tcpi_rcv_mss in bytes.</summary>
    public uint ReceiveMssBytes { get; init; }

    /// <summary>tcpi_unacked: segments in flight.</summary>
    public uint UnackedSegments { get; init; }

    /// <summary>tcpi_lost: segments deemed lost.</summary>
    public uint LostSegments { get; init; }

    /// <summary>tcpi_rtt: smoothed RTT in µs.</summary>
    public uint RttUs { get; init; }

    /// <summary>tcpi_rttvar in µs.</summary>
    public uint RttVarUs { get; init; }

    /// <summary>tcpi_snd_ssthresh in segments (0x7fffffff = not set).</summary>
    public uint SendSsthreshSegments { get; init; }

    /// <summary>tcpi_snd_cwnd in segments.</summary>
    public uint SendCwndSegments { get; init; }

    /// <summary>tcpi_rcv_space: the receive autotuning's estimate of the window, in bytes.</summary>
    public uint ReceiveSpaceBytes { get; init; }

    /// <summary>tcpi_total_retrans: segments retransmitted over the connection's life.</summary>
    public uint TotalRetransSegments { get; init; }

    /// <summary>tcpi_pacing_rate in bytes/s (~0 = unlimited); null before Linux 4.0.</summary>
    public ulong? PacingRateBytesPerSecond { get; init; }

    /// <summary>tcpi_max_pacing_rate: SO_MAX_PACING_RATE in bytes/s (~0 = unlimited).</summary>
    public ulong? MaxPacingRateBytesPerSecond { get; init; }

    /// <summary>tcpi_bytes_acked.</summary>
    public ulong? BytesAcked { get; init; }

    /// <summary>tcpi_bytes_received.</summary>
    public ulong? BytesReceived { get; init; }

    /// <summary>tcpi_notsent_bytes: queued but not yet sent.</summary>
    public uint? NotSentBytes { get; init; }

    /// <summary>tcpi_min_rtt in µs (windowed minimum).</summary>
    public uint? MinRttUs { get; init; }

    /// <summary>tcpi_delivery_rate in bytes/s, from the latest ACKed flight.</summary>
    public ulong? DeliveryRateBytesPerSecond { get; init; }

    /// <summary>tcpi_delivery_rate_app_limited: the rate sample was limited by the application.</summary>
    public bool? DeliveryRateAppLimited { get; init; }

    /// <summary>tcpi_busy_time: µs with data in flight.</summary>
    public ulong? BusyUs { get; init; }

    /// <summary>tcpi_rwnd_limited: µs stalled by the receiver's window.</summary>
    public ulong? ReceiveWindowLimitedUs { get; init; }

    /// <summary>tcpi_sndbuf_limited: µs stalled by a full send buffer.</summary>
    public ulong? SendBufferLimitedUs { get; init; }

    /// <summary>tcpi_bytes_sent (retransmissions included).</summary>
    public ulong? BytesSent { get; init; }

    /// <summary>tcpi_bytes_retrans.</summary>
    public ulong? BytesRetransmitted { get; init; }

    /// <summary>tcpi_snd_wnd: the peer's advertised window in bytes (Linux 5.4+).</summary>
    public uint? SendWindowBytes { get; init; }
}
