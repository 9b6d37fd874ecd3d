namespace LoopBench.Core.Transports;

/// <summary>
/// Socket settings in force once the connection is set up, before its first byte, read back from the
/// kernel (not the values asked for). A buffer that was not set grows afterwards with the kernel's
/// autotuning, and a receive low-water mark raises the receiver's at once (tcp_set_rcvlowat).
/// </summary>
/// <param name="NoDelay">TCP_NODELAY on both ends; null for non-TCP.</param>
/// <param name="CongestionControl">TCP_CONGESTION of the client socket, e.g. "bbr"; null for non-TCP.</param>
/// <param name="MssBytes">TCP_MAXSEG of the client socket; null for non-TCP.</param>
/// <param name="ClientSendBufferBytes">SO_SNDBUF of the client as read back.</param>
/// <param name="ClientReceiveBufferBytes">SO_RCVBUF of the client as read back.</param>
/// <param name="ServerSendBufferBytes">SO_SNDBUF of the server as read back.</param>
/// <param name="ServerReceiveBufferBytes">SO_RCVBUF of the server as read back.</param>
internal sealed record SocketSettingsResult(
    bool? NoDelay,
    string? CongestionControl,
    int? MssBytes,
    int ClientSendBufferBytes,
    int ClientReceiveBufferBytes,
    int ServerSendBufferBytes,
    int ServerReceiveBufferBytes);
