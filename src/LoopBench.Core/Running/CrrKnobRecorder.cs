using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Running;

/// <summary>
/// crr: every connection is a new client socket, so the knobs are applied (and read back) on each
/// one through the listener's client hook, and once on the listener, whose settings accepted sockets
/// inherit. Storing every connection's records would grow with the run: this keeps the first and the
/// last client read-back and a count. Written by the flow's client worker only; read after it stopped.
/// </summary>
internal sealed class CrrKnobRecorder(int flow)
{
    private IReadOnlyList<KnobResult>? _firstClient;
    private IReadOnlyList<KnobResult>? _lastClient;
    private IReadOnlyList<KnobResult>? _server;
    private long _connections;

    public int Flow => flow;

    /// <summary>The client hook's results for one new connection.</summary>
    public void Client(IReadOnlyList<KnobResult> results)
    {
        _firstClient ??= results;
        _lastClient = results;
        _connections++;
    }

    /// <summary>The listener hook's results (once per flow).</summary>
    public void Server(IReadOnlyList<KnobResult> results) => _server = results;

    /// <summary>The flow's record: first connection's client knobs plus the listener's, the last connection's, counts and TCP_INFO.</summary>
    public FlowProbeResult ToResult(IReadOnlyList<WorkloadEnd> ends)
    {
        IReadOnlyList<KnobResult>? knobs = _firstClient is null && _server is null ? null : [.. _firstClient ?? [], .. _server ?? []];
        var samples = new List<TcpInfoSampleResult>(4);
        long? inWindow = null;
        foreach (var end in ends)
        {
            if (end.Flow != flow || end.Connections is not { } probe)
            {
                continue;
            }

            var side = end.Role;
            if (end.Role == EndRole.Client)
            {
                inWindow = end.Counters.Transactions;
            }

            if (probe.First is { } first)
            {
                samples.Add(TcpInfoSampleResult.From(0, side, first) with { Connection = SampledConnection.First });
            }

            if (probe.Last is { } last)
            {
                samples.Add(TcpInfoSampleResult.From(0, side, last) with { Connection = SampledConnection.Last });
            }
        }

        return new FlowProbeResult(flow, TrafficDirection.RequestResponse, knobs, samples.Count > 0 ? samples : null)
        {
            Connections = _connections,
            ConnectionsInWindow = inWindow,
            LastConnectionKnobs = _connections > 1 ? _lastClient : null,
        };
    }
}
