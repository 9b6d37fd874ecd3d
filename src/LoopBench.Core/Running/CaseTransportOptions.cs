using System.Net;
using LoopBench.Core.Scenarios;
using LoopBench.Core.Transports;

namespace LoopBench.Core.Running;

/// <summary>A case's transport options, its bind and source names resolved to loopback addresses; shared by the Runner and the child server end.</summary>
internal static class CaseTransportOptions
{
    /// <summary>The options for <paramref name="c"/>; throws <see cref="TransportSetupException"/> when an address is not a loopback one.</summary>
    public static TransportOptions Of(Case c)
    {
        IPAddress? address = null;
        IPAddress? source = null;
        if (c.Transport.IsIp() && !LoopbackAddress.TryResolve(c.Bind!, c.Transport, out address, out string error))
        {
            throw new TransportSetupException(error);
        }

        if (c.Source is not null && !LoopbackAddress.TryResolve(c.Source, c.Transport, out source, out string sourceError))
        {
            throw new TransportSetupException(sourceError);
        }

        return new TransportOptions(c.Transport, address, c.Port, c.UnixDirectory) { Source = source, UnixAbstract = c.UnixAbstract };
    }
}
