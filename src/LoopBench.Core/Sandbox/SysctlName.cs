namespace LoopBench.Core.Sandbox;

/// <summary>Sysctl names: dotted form ("net.ipv4.tcp_rmem") to a path under a /proc/sys root, and values compared as the kernel prints them.</summary>
internal static class SysctlName
{
    /// <summary>True for a plausible dotted name: letters, digits, '_', '-', dots between parts; no path tricks.</summary>
    public static bool IsValid(string? name) =>
        !string.IsNullOrWhiteSpace(name)
        && name.Split('.').Length >= 2
        && name.Split('.').All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'));

    /// <summary>Accepts "net/ipv4/tcp_rmem" or "net.ipv4.tcp_rmem" and returns the dotted form.</summary>
    public static string Normalize(string name) => (name ?? string.Empty).Trim().Trim('/').Replace('/', '.');

    /// <summary>The file of <paramref name="name"/> under <paramref name="procSysRoot"/> (normally /proc/sys).</summary>
    public static string PathOf(string procSysRoot, string name) =>
        IsValid(name) ? Path.Combine(procSysRoot, name.Replace('.', '/')) : throw new ArgumentException($"'{name}' is not a sysctl name", nameof(name));

    /// <summary>A value as the kernel prints it, whitespace folded: "4096\t131072  6291456" → "4096 131072 6291456".</summary>
    public static string Fold(string? value) =>
        string.Join(' ', (value ?? string.Empty).Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
