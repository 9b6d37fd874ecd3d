using LoopBench.Core.Workloads;

namespace LoopBench.Cli.Verbs;

/// <summary>
/// The help texts of the flags that name patterns, built from the patterns' traits (CommandLineParser
/// reads them through ResourceType), so a new pattern appears in --help without an edit here.
/// </summary>
// public, with public static properties: CommandLineParser refuses a ResourceType it cannot see.
public static class PatternHelpText
{
    /// <summary>--pattern.</summary>
    public static string Pattern => $"{PatternKinds.IdsWhere(_ => true)}. Default: stream.";

    /// <summary>-k/--transactions.</summary>
    public static string Transactions =>
        $"{PatternKinds.IdsWhere(t => t.ClosedLoopTransactions)}: transactions in all (split exactly over -P flows), instead of a time; as -n, no warm-up and every transaction inside the window; -t still caps it.";

    /// <summary>--close.</summary>
    public static string Close => $"{PatternKinds.IdsWhere(t => t.CountsConnections)}: client, server or rst (SO_LINGER 0). Default: client.";

    /// <summary>--spin.</summary>
    public static string Spin =>
        $"Spin mode for {PatternKinds.IdsWhere(t => t.ClosedLoopTransactions)} (datagram rr included; blocking engine): both ends poll non-blocking sockets and never sleep, so a round trip pays no wake-up; needs pinned placement (split, same-cpu or -A N,M). Default: off.";
}
