using LoopBench.Cli.Verbs;
using LoopBench.Core;
using LoopBench.Core.History;
using LoopBench.Core.Results;
using LoopBench.Plotting.Adapters;
using LoopBench.Plotting.Charts;

namespace LoopBench.Cli.Commands;

/// <summary>Reads a run and draws one chart; bad requests and empty data exit 2 with what is valid.</summary>
internal sealed class PlotCommand(TextWriter stdout, TextWriter stderr)
{
    public int Execute(PlotOptions options)
    {
        try
        {
            var located = RunLocator.Locate(options.Run, options.History);
            var run = located.Run;
            ChartKind? kind = null;
            if (options.Chart is not null)
            {
                kind = UsageException.ParseId<ChartKind>(options.Chart.Trim().ToLowerInvariant(), "--chart", "chart", options.Chart);
            }

            var request = new ChartRequest(kind, options.Metric, options.X, options.Series, options.Case);
            // Named after the chart, and the metric when one is asked for, so a second chart of the run does not overwrite the first.
            string name = RunCharts.KindFor(run, request).ToId() + (options.Metric is { } metric ? "-" + metric : string.Empty);
            string output = options.Out ?? Path.Combine(RunDirectory(located, options.Run), name + ".png");
            if (!output.EndsWith(".png", StringComparison.OrdinalIgnoreCase) && !output.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
            {
                throw new UsageException($"--out {output}: use a .png or .svg file");
            }

            var drawn = RunCharts.Render(run, request, output);
            stdout.WriteLine($"{drawn.ToId()}: {output}");
            if (RunCharts.LeftOut(run, request) is string leftOut)
            {
                stderr.WriteLine($"loopbench: {leftOut}");
            }

            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is RunFileException or ChartDataException)
        {
            stderr.WriteLine($"loopbench: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"loopbench: the chart could not be written: {ex.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>The directory of the run, where its charts and report go by default; a history run whose directory is gone needs --out.</summary>
    internal static string RunDirectory(LocatedRun located, string spec) => located.Directory
        ?? throw new RunFileException($"'{spec}': run {located.Run.RunId} is no longer where the history recorded it, so there is no directory to write beside it; pass --out FILE");
}
