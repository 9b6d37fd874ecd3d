using LoopBench.Core.Engines;
using LoopBench.Core.Transports;
using LoopBench.Core.Workloads;

namespace LoopBench.Core.Scenarios;

/// <summary><c>timestamps</c>: where kernel software timestamps can split a round trip.</summary>
internal static class CaseTimestampRules
{
    /// <summary>Why a case with timestamps on cannot have them, or null when it can (or has them off).</summary>
    public static string? Refusal(Case resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        if (!resolved.Timestamps)
        {
            return null;
        }

        if (resolved.Transport.IsUnix())
        {
            return "Unix sockets carry no kernel software timestamps; use tcp4, tcp6, udp4 or udp6";
        }

        if (resolved.Pattern != PatternKind.Rr)
        {
            return $"timestamps split request/response round trips: use pattern rr, not {resolved.Pattern.ToId()}";
        }

        if (resolved.Engine != EngineKind.Blocking)
        {
            return $"timestamps read control messages on blocking sockets; use engine blocking, not {resolved.Engine.ToId()}";
        }

        if (resolved.Inflight is > 1)
        {
            return $"timestamps pair each request with the next response; use inflight 1, not {resolved.Inflight}";
        }

        // The stamped receive is a blocking recvmsg: it would put back the sleep that spin takes out.
        if (resolved.Spin)
        {
            return "timestamps read each sampled message with a blocking recvmsg, which spin mode removes; run spin and timestamps as separate cases";
        }

        // The server's stamps reach the client through memory both ends share.
        if (resolved.Processes != 1)
        {
            return "timestamps join both ends' stamps in one process; use processes 1";
        }

        return resolved.Sandbox == SandboxMode.Netns
            ? "timestamps join both ends' stamps in this process; a sandboxed case runs in a child, so use sandbox host"
            : null;
    }

    public static void Check(Case resolved, List<CaseError> errors)
    {
        if (Refusal(resolved) is string refusal)
        {
            errors.Add(new("timestamps", refusal));
        }
    }
}
