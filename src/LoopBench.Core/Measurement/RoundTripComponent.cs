namespace LoopBench.Core.Measurement;

/// <summary>
/// The parts of a sampled round trip between eight CLOCK_REALTIME stamps: t0 client before send,
/// t1 request's transmit stamp, t2 its receive stamp at the server, t3 server's receive returned,
/// t4 server before send, t5 response's transmit stamp, t6 its receive stamp at the client, t7 client's
/// receive returned. Component i is t(i+1) − t(i), so the seven add up to t7 − t0.
/// </summary>
internal enum RoundTripComponent
{
    /// <summary>t1 − t0: the client's send call into the stack, up to lo's transmit.</summary>
    [Id("client-send")]
    ClientSend,

    /// <summary>t2 − t1: lo's transmit to the packet's receive stamp (queued for the server's socket).</summary>
    [Id("request-stack")]
    RequestStack,

    /// <summary>t3 − t2: the receive path (softirq, socket queue) and the server's wake-up until its recv returned.</summary>
    [Id("server-wake")]
    ServerWake,

    /// <summary>t4 − t3: the server between its recv returning and its send starting (LoopBench's own work).</summary>
    [Id("server-turnaround")]
    ServerTurnaround,

    /// <summary>t5 − t4: the server's send call into the stack, up to lo's transmit.</summary>
    [Id("server-send")]
    ServerSend,

    /// <summary>t6 − t5: lo's transmit to the response's receive stamp.</summary>
    [Id("response-stack")]
    ResponseStack,

    /// <summary>t7 − t6: the receive path and the client's wake-up until its recv returned.</summary>
    [Id("client-wake")]
    ClientWake,
}
