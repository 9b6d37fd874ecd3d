using LoopBench.Cli.Verbs;
using LoopBench.Core.History;
using LoopBench.Core.Results;
using LoopBench.Core.Results.Export;

namespace LoopBench.Cli.Commands;

/// <summary>Writes a run in a CI or monitoring format to stdout or, atomically, to a file, and/or pushes it to a Pushgateway.</summary>
internal sealed class ExportCommand(TextWriter stdout, TextWriter stderr)
{
    public int Execute(ExportOptions options)
    {
        if (options.Format is null && options.Push is null)
        {
            throw new UsageException("export needs --format, --push, or both");
        }

        Uri? gateway = options.Push is null ? null : GatewayUri(options.Push);
        ExportFormat? format = options.Format is null ? null
            : UsageException.ParseId<ExportFormat>(options.Format.ToLowerInvariant(), "--format", "format", options.Format);
        var better = UsageException.ParseId<BetterDirection>(options.Better, "--better", "direction", options.Better);

        RunResult run;
        try
        {
            run = RunLocator.Load(options.Run, options.History);
        }
        catch (RunFileException ex)
        {
            stderr.WriteLine($"loopbench: {ex.Message}");
            return ExitCodes.BadInput;
        }

        if (format is ExportFormat chosen)
        {
            Write(chosen, run, better, options);
        }

        if (gateway is not null)
        {
            try
            {
                using var client = new HttpClient { Timeout = Pushgateway.Timeout };
                Pushgateway.Push(client, gateway, run);
            }
            catch (PushgatewayException ex)
            {
                stderr.WriteLine($"loopbench: {ex.Message}");
                return ExitCodes.Failure;
            }
        }

        return ExitCodes.Ok;
    }

    private void Write(ExportFormat format, RunResult run, BetterDirection better, ExportOptions options)
    {
        string text = format switch
        {
            ExportFormat.Csv => CsvExporter.Write(run),
            ExportFormat.Gab => GithubActionBenchmarkExporter.Write(run, better),
            ExportFormat.Bencher => BencherExporter.Write(run),
            _ => OpenMetricsExporter.Write(run),
        };
        if (options.Output is null)
        {
            stdout.Write(text);
            return;
        }

        // Atomic and durable (fsync, rename, fsync of the directory): the textfile collector must
        // never scrape a half-written file, and a power cut must not leave an empty one.
        ResultStore.WriteAtomic(options.Output, text);
    }

    private static Uri GatewayUri(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0
            ? uri
            : throw new UsageException($"--push: '{text}' is not a Pushgateway URL; expected http(s)://HOST:PORT, e.g. http://pushgateway:9091");
}
