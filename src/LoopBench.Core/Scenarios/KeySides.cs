namespace LoopBench.Core.Scenarios;

/// <summary>
/// How a case key spells a knob set on one side only ("client-rcvbuf=…"): written by the case key,
/// read by comparison, which sees results only.
/// </summary>
internal static class KeySides
{
    /// <summary>Prefix of a knob set on the client socket only.</summary>
    public const string Client = "client-";

    /// <summary>Prefix of a knob set on the server socket only.</summary>
    public const string Server = "server-";

    /// <summary>A knob token without its side ("client-congestion" → "congestion"); other tokens as they are.</summary>
    public static string WithoutSide(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.StartsWith(Client, StringComparison.Ordinal) ? token[Client.Length..]
            : token.StartsWith(Server, StringComparison.Ordinal) ? token[Server.Length..]
            : token;
    }
}
