using System.Globalization;
using LoopBench.Core.Capture;
using LoopBench.Core.Scenarios;

namespace LoopBench.Core.Running;

/// <summary>A repetition's packet capture (<c>capture: N</c>), to a pcap named after the case key and repetition.</summary>
internal static class RepetitionCapture
{
    /// <summary>Starts capturing the sockets in <paramref name="owned"/>, or null when the case asks for no capture.</summary>
    public static PacketCapture? Start(Case c, int index, IEnumerable<IDisposable> owned, string? captureDirectory)
    {
        if (c.CapturePackets <= 0)
        {
            return null;
        }

        string directory = captureDirectory ?? Directory.GetCurrentDirectory();
        string name = new string(c.Key.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-' ? ch : '_').ToArray());
        if (name.Length > 150)
        {
            name = name[..150];
        }

        return PacketCapture.Start(
            Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{name}-r{index}.pcap")), c.CapturePackets, CaptureScope.Of(c.Transport, owned));
    }
}
