using System.Net.Sockets;
using LoopBench.Core.Engines;
using LoopBench.Core.Measurement;
using LoopBench.Core.Results;
using LoopBench.Core.Running.Patterns;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Running;

/// <summary>
/// Opens what one repetition runs on: the case's engine, its window, and its flows as the case's
/// pattern lays them out over the case's transport options and knobs, or says why it cannot (a
/// missing engine feature or address family is a skip or a setup failure, never a measurement).
/// </summary>
internal sealed class RepetitionSetup(RunnerOptions options)
{
    /// <summary>One per runner: it reads the host's limits once.</summary>
    private readonly KnobWiring _knobs = new();

    /// <summary>The engine and open flows (their window not yet open), or nulls with the outcome and why.</summary>
    public (IEngine? Engine, RepetitionFlows? Flows, CaseOutcome Outcome, string? Reason) Open(Case c, PlacementPlan plan)
    {
        if (InlineCompletions.MissingReason(c.Engine) is string inline)
        {
            return (null, null, CaseOutcome.FailedSetup, inline);
        }

        if (c.Transport.IsIpv6() && !Socket.OSSupportsIPv6)
        {
            return (null, null, CaseOutcome.SkippedTransport, $"{c.Transport.ToId()} needs IPv6, which is disabled on this host");
        }

        var engine = EngineFactory.Create(c.Engine, c.ReceiveSpin ?? 0, c.Spin, c.ReceiveLowatBytes ?? 0);
        var window = new MeasureWindow(options.Clock);
        try
        {
            return (engine, BuildFlows(c, engine, window, plan), CaseOutcome.Passed, null);
        }
        catch (TransportSetupException ex)
        {
            return ex.InnerException is SocketException { SocketErrorCode: SocketError.AddressFamilyNotSupported }
                ? (null, null, CaseOutcome.SkippedTransport, $"{c.Transport.ToId()} is not offered by this host: {ex.Message}")
                : (null, null, CaseOutcome.FailedSetup, ex.Message);
        }
    }

    /// <summary>Opens the repetition's flows as the case's pattern lays them out, or its one split flow (processes: 2).</summary>
    private RepetitionFlows BuildFlows(Case c, IEngine engine, MeasureWindow window, PlacementPlan plan)
    {
        if (FileDescriptorBudget.ShortfallFor(c) is string shortfall)
        {
            throw new TransportSetupException(shortfall);
        }

        var transport = _knobs.WithKnobHooks(CaseTransportOptions.Of(c), c);
        transport = options.TransportHook?.Invoke(transport) ?? transport;
        var flows = new RepetitionFlows(c, engine, window, transport, _knobs, options.ConnectTimeout);
        try
        {
            var pattern = TrafficPatterns.Of(c.Pattern);
            if (c.Processes != 1)
            {
                flows.AddChildServerFlow(pattern, options, plan.ServerCpu);
            }
            else
            {
                pattern.AddFlows(flows);
            }

            return flows;
        }
        catch
        {
            flows.Dispose();
            throw;
        }
    }
}
