using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LoopBench.Core.Results;

/// <summary>Run ids: UTC time plus a short hash, sortable by time, e.g. "20261123T104200Z-3f2a91".</summary>
internal static class RunIds
{
    /// <summary>A new id for a run starting at <paramref name="utcNow"/>.</summary>
    public static string New(DateTimeOffset utcNow)
    {
        string time = utcNow.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string seed = string.Create(CultureInfo.InvariantCulture, $"{time}|{Environment.ProcessId}|{Environment.MachineName}|{Guid.NewGuid()}");
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        return time + "-" + Convert.ToHexStringLower(hash, 0, 3);
    }
}
