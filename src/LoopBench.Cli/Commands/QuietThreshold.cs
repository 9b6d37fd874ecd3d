using System.Globalization;
using LoopBench.Core.Measurement;

namespace LoopBench.Cli.Commands;

/// <summary>The --quiet-threshold check shared by run and calibrate.</summary>
internal static class QuietThreshold
{
    /// <summary>Throws a usage error (exit 2) unless the value is in [0, <see cref="QuietHostGate.MaxThresholdPercentOfOneCpu"/>].</summary>
    public static void Check(double percentOfOneCpu)
    {
        if (!(percentOfOneCpu is >= 0 and <= QuietHostGate.MaxThresholdPercentOfOneCpu))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--quiet-threshold: {percentOfOneCpu} is out of range; use 0 to {QuietHostGate.MaxThresholdPercentOfOneCpu} (% of one CPU), e.g. 5"));
        }
    }
}
