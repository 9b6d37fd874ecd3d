using System.Globalization;
using System.Net;

namespace LoopBench.Tests.Hardening;

/// <summary>One row of /proc/net/{tcp,tcp6,udp,udp6}: who is bound where, and the socket's inode.</summary>
internal sealed record InetSocketRow(string File, IPAddress LocalAddress, int LocalPort, int State, long Inode)
{
    /// <summary>TCP_LISTEN in /proc/net/tcp; UDP's unconnected sockets show TCP_CLOSE (7).</summary>
    public bool IsListening => File.StartsWith("tcp", StringComparison.Ordinal) ? State == 0x0A : State == 0x07;
}

/// <summary>One row of /proc/net/unix.</summary>
internal sealed record UnixSocketRow(long Inode, string? Path);

/// <summary>Parses the kernel's socket tables and finds this process's own sockets (inodes behind /proc/self/fd).</summary>
internal static class ProcNetSockets
{
    public static readonly string[] InetFiles = ["tcp", "tcp6", "udp", "udp6"];

    /// <summary>Inodes of every socket this process holds open.</summary>
    public static HashSet<long> OwnSocketInodes()
    {
        var inodes = new HashSet<long>();
        foreach (string fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            string? target = null;
            try
            {
                target = new FileInfo(fd).LinkTarget;
            }
            catch (IOException)
            {
                // closed while we looked
            }

            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            {
                inodes.Add(long.Parse(target.AsSpan(8, target.Length - 9), CultureInfo.InvariantCulture));
            }
        }

        return inodes;
    }

    /// <summary>Every row of /proc/net/FILE, or none when the file is absent (IPv6 disabled).</summary>
    public static IReadOnlyList<InetSocketRow> ReadInet(string file)
    {
        string path = "/proc/net/" + file;
        return File.Exists(path) ? ParseInet(file, File.ReadAllText(path)) : [];
    }

    /// <summary>Parses /proc/net/tcp-style text: "sl local rem st ... uid timeout inode".</summary>
    public static IReadOnlyList<InetSocketRow> ParseInet(string file, string text)
    {
        var rows = new List<InetSocketRow>();
        foreach (string line in text.Split('\n').Skip(1))
        {
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 10)
            {
                continue;
            }

            string[] local = f[1].Split(':');
            rows.Add(new InetSocketRow(file, DecodeAddress(local[0]), int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                int.Parse(f[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture), long.Parse(f[9], CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    /// <summary>Rows of /proc/net/unix: "Num RefCount Protocol Flags Type St Inode [Path]".</summary>
    public static IReadOnlyList<UnixSocketRow> ReadUnix()
    {
        var rows = new List<UnixSocketRow>();
        foreach (string line in File.ReadAllText("/proc/net/unix").Split('\n').Skip(1))
        {
            string[] f = line.Split(' ', 8, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length >= 7)
            {
                rows.Add(new UnixSocketRow(long.Parse(f[6], CultureInfo.InvariantCulture), f.Length > 7 ? f[7].Trim() : null));
            }
        }

        return rows;
    }

    /// <summary>The kernel prints each 32-bit word of the address in host (little-endian) order.</summary>
    internal static IPAddress DecodeAddress(string hex)
    {
        byte[] bytes = Convert.FromHexString(hex);
        for (int word = 0; word < bytes.Length; word += 4)
        {
            Array.Reverse(bytes, word, 4);
        }

        return new IPAddress(bytes);
    }
}
