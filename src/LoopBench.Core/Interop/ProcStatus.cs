using System.Globalization;

namespace LoopBench.Core.Interop;

/// <summary>
/// Fields of /proc/PID/status: the signal helper here reads SigIgn, the capability probe Uid and
/// CapEff. Kept at this lowest layer so both can use it.
/// </summary>
internal static class ProcStatus
{
    /// <summary>The value of one "Name:" line of /proc/PID/status, trimmed; empty when absent.</summary>
    public static string StatusField(string status, string field)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(field);
        return status.Split('\n').FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal))?[field.Length..].Trim() ?? string.Empty;
    }

    /// <summary>Whether bit <paramref name="bit"/> is set in a hex mask of /proc/PID/status (CapEff, SigIgn, …); false when unparsable.</summary>
    public static bool MaskHasBit(string hexMask, int bit)
    {
        ArgumentNullException.ThrowIfNull(hexMask);
        return ulong.TryParse(hexMask.Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong mask) && (mask & (1UL << bit)) != 0;
    }
}
