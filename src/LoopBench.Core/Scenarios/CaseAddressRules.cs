using LoopBench.Core.Transports;

namespace LoopBench.Core.Scenarios;

/// <summary>What the transport takes: loopback addresses and a port on IP, a path or abstract name on Unix, NODELAY on TCP.</summary>
internal static class CaseAddressRules
{
    /// <summary>The server's address and port, and TCP_NODELAY.</summary>
    public static void CheckBind(Case candidate, Case c, List<CaseError> errors)
    {
        if (c.Transport.IsIp())
        {
            if (!LoopbackAddress.TryResolve(c.Bind!, c.Transport, out _, out string error))
            {
                errors.Add(new("bind", error));
            }
        }
        else
        {
            if (candidate.Bind is not null)
            {
                errors.Add(new("bind", $"transport {c.Transport.ToId()} takes no address; drop bind or use tcp4/tcp6/udp4/udp6"));
            }

            if (c.Port != 0)
            {
                errors.Add(new("port", $"transport {c.Transport.ToId()} takes no port"));
            }
        }

        if (candidate.NoDelay is not null && !c.Transport.IsTcp())
        {
            errors.Add(new("nodelay", $"TCP_NODELAY does not apply to {c.Transport.ToId()}"));
        }
    }

    /// <summary>The abstract Unix namespace, and the client's source address.</summary>
    public static void CheckEndpoints(Case candidate, Case c, List<CaseError> errors)
    {
        if (candidate.UnixAbstract && !c.Transport.IsUnix())
        {
            errors.Add(new("unix-abstract", $"the abstract namespace is for Unix transports, not {c.Transport.ToId()}; use unix-stream, unix-dgram or unix-seqpacket"));
        }

        if (c.Source is null)
        {
            return;
        }

        if (!c.Transport.IsIp())
        {
            errors.Add(new("source", $"transport {c.Transport.ToId()} takes no source address; drop --source or use tcp4/tcp6/udp4/udp6"));
        }
        else if (!LoopbackAddress.TryResolve(c.Source, c.Transport, out _, out string error))
        {
            errors.Add(new("source", error));
        }
    }
}
