namespace LoopBench.Core.Measurement;

/// <summary>TCP_INFO of one end at one instant, as stored in results. Null: the kernel did not report it.</summary>
/// <param name="AtNs">When, in ns since the window opened (T0).</param>
/// <param name="Side">The socket's side.</param>
/// <param name="RttUs">Smoothed RTT (tcpi_rtt).</param>
/// <param name="RttVarUs">RTT variance (tcpi_rttvar).</param>
/// <param name="MinRttUs">Windowed minimum RTT (tcpi_min_rtt).</param>
/// <param name="SendCwndSegments">Congestion window (tcpi_snd_cwnd).</param>
/// <param name="SendMssBytes">MSS in use (tcpi_snd_mss).</param>
/// <param name="Retransmits">Consecutive RTO retransmits now (tcpi_retransmits).</param>
/// <param name="TotalRetransSegments">Retransmitted segments since connect (tcpi_total_retrans).</param>
/// <param name="DeliveryRateBytesPerSecond">tcpi_delivery_rate.</param>
/// <param name="PacingRateBytesPerSecond">tcpi_pacing_rate (null when unlimited).</param>
/// <param name="MaxPacingRateBytesPerSecond">tcpi_max_pacing_rate: SO_MAX_PACING_RATE (null when unlimited).</param>
/// <param name="BusyUs">tcpi_busy_time.</param>
/// <param name="ReceiveWindowLimitedUs">tcpi_rwnd_limited.</param>
/// <param name="SendBufferLimitedUs">tcpi_sndbuf_limited.</param>
/// <param name="BytesRetransmitted">tcpi_bytes_retrans.</param>
/// <param name="ReceiveSpaceBytes">tcpi_rcv_space: receive autotuning's window estimate.</param>
internal sealed record TcpInfoSampleResult(
    long AtNs,
    EndRole Side,
    long RttUs,
    long RttVarUs,
    long? MinRttUs,
    long SendCwndSegments,
    long SendMssBytes,
    int Retransmits,
    long TotalRetransSegments,
    long? DeliveryRateBytesPerSecond,
    long? PacingRateBytesPerSecond,
    long? MaxPacingRateBytesPerSecond,
    long? BusyUs,
    long? ReceiveWindowLimitedUs,
    long? SendBufferLimitedUs,
    long? BytesRetransmitted,
    long ReceiveSpaceBytes)
{
    /// <summary>crr: the flow's first or last connection; null for a flow's one connection.</summary>
    public SampledConnection? Connection { get; init; }

    /// <summary>Converts a raw snapshot; "unlimited" rates (~0) become null.</summary>
    public static TcpInfoSampleResult From(long atNs, EndRole side, in TcpInfoSnapshot s) => new(
        atNs, side, s.RttUs, s.RttVarUs, s.MinRttUs, s.SendCwndSegments, s.SendMssBytes, s.Retransmits,
        s.TotalRetransSegments, Rate(s.DeliveryRateBytesPerSecond), Rate(s.PacingRateBytesPerSecond),
        Rate(s.MaxPacingRateBytesPerSecond), Signed(s.BusyUs), Signed(s.ReceiveWindowLimitedUs),
        Signed(s.SendBufferLimitedUs), Signed(s.BytesRetransmitted), s.ReceiveSpaceBytes);

    /// <summary>A TCP_INFO rate, or null when it reads "unlimited" (~0, or ~0U from a 32-bit field).</summary>
    internal static long? Rate(ulong? value) => value is ulong v && v < long.MaxValue && v != uint.MaxValue ? (long)v : null;

    private static long? Signed(ulong? value) => value is ulong v ? (long)Math.Min(v, long.MaxValue) : null;
}
