using CommandLine;
using CommandLine.Text;
using LoopBench.Cli.Commands;
using LoopBench.Cli.Verbs;

namespace LoopBench.Cli;

/// <summary>Parses the verb and its options, runs the command, and maps errors to exit codes.</summary>
internal static class CliApp
{
    private static readonly Type[] VerbTypes = [typeof(QuickOptions), typeof(RunOptions), typeof(PlotOptions), typeof(ReportOptions), typeof(CalibrateOptions), typeof(CompareOptions), typeof(ExportOptions), typeof(HistoryOptions), typeof(EnvOptions), typeof(RestoreOptions), typeof(InternalCaseOptions), typeof(InternalServerOptions)];

    private static string VerbNames => string.Join(", ", VerbTypes.Select(t => t.GetCustomAttributes(typeof(VerbAttribute), false).OfType<VerbAttribute>().Single()).Where(v => !v.Hidden).Select(v => v.Name));

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            using var parser = new Parser(settings =>
            {
                settings.HelpWriter = null; // help and errors are written below, to the right stream
                settings.CaseSensitive = true;
                settings.CaseInsensitiveEnumValues = true;
                settings.EnableDashDash = true;
                settings.AllowMultiInstance = true; // repeatable options: --sysctl a=1 --sysctl b=2, --set x=1 --set y=2
                settings.AutoHelp = true;
                settings.AutoVersion = true;
                settings.MaximumDisplayWidth = 100;
            });
            // The Type[] overload selects verb mode even while there is one verb.
            var parsed = parser.ParseArguments(QuickOptions.Normalize(PlotOptions.Normalize(args)), VerbTypes);
            if (OptionGuard.Problem(parsed.Value) is string problem)
            {
                stderr.WriteLine($"loopbench: {problem}");
                return ExitCodes.BadInput;
            }

            return parsed.MapResult(
                (QuickOptions o) => new QuickCommand(stdout, stderr).Execute(o),
                (RunOptions o) => new RunCommand(stdout, stderr).Execute(o),
                (CalibrateOptions o) => new CalibrateCommand(stdout, stderr).Execute(o),
                (CompareOptions o) => new CompareCommand(stdout, stderr).Execute(o),
                (ExportOptions o) => new ExportCommand(stdout, stderr).Execute(o),
                (HistoryOptions o) => new HistoryCommand(stdout, stderr).Execute(o),
                (PlotOptions o) => new PlotCommand(stdout, stderr).Execute(o),
                (ReportOptions o) => new ReportCommand(stdout, stderr).Execute(o),
                (EnvOptions o) => new EnvCommand(stdout).Execute(o),
                (RestoreOptions o) => new RestoreCommand(stdout, stderr).Execute(o),
                (InternalCaseOptions o) => new InternalCaseCommand(Console.In, stdout, stderr).Execute(o),
                (InternalServerOptions o) => new InternalServerCommand(Console.In, stdout, stderr).Execute(o),
                errors => ReportParseErrors(parsed, errors, stdout, stderr));
        }
        catch (UsageException ex)
        {
            stderr.WriteLine($"loopbench: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is LoopBench.Core.Results.RunFileException or LoopBench.Core.History.HistoryException)
        {
            // a run.json or history file is bad input wherever a verb opens it
            stderr.WriteLine($"loopbench: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (LoopBench.Core.Scenarios.ScenarioException ex)
        {
            stderr.WriteLine(ex.Message);
            stderr.WriteLine("loopbench: the scenario is invalid; nothing was run");
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return FatalErrors.Report(ex, stderr);
        }
    }

    private static int ReportParseErrors<T>(ParserResult<T> parsed, IEnumerable<Error> errors, TextWriter stdout, TextWriter stderr)
    {
        var list = errors.ToList();
        if (list.Any(e => e.Tag is ErrorType.VersionRequestedError))
        {
            stdout.WriteLine($"loopbench {VersionInfo.Version}");
            return ExitCodes.Ok;
        }

        bool helpOnly = list.All(e => e.Tag is ErrorType.HelpRequestedError or ErrorType.HelpVerbRequestedError);
        var help = HelpText.AutoBuild(parsed, h =>
        {
            var verb = VerbOf(parsed.TypeInfo.Current);
            h.Heading = UsageLine(parsed.TypeInfo.Current, verb);
            h.Copyright = verb is null
                ? $"loopbench {VersionInfo.Version}: benchmarks the Linux loopback path: TCP, UDP and Unix sockets."
                : $"{verb.HelpText} (loopbench {VersionInfo.Version})";
            h.AdditionalNewLineAfterOption = false;
            h.AddEnumValuesToHelpText = true;
            return HelpText.DefaultParsingErrorsHandler(parsed, h);
        }, e => e, verbsIndex: parsed.TypeInfo.Current == typeof(NullInstance), maxDisplayWidth: 100);
        if (helpOnly)
        {
            stdout.WriteLine(help);
            return ExitCodes.Ok;
        }

        foreach (var error in list)
        {
            stderr.WriteLine($"loopbench: {Describe(error, parsed.TypeInfo.Current)}");
        }

        stderr.WriteLine(VerbOf(parsed.TypeInfo.Current) is { } current
            ? $"Run 'loopbench {current.Name} --help' for its options."
            : "Run 'loopbench --help' or 'loopbench quick --help' for the valid options.");
        return ExitCodes.BadInput;
    }

    private static VerbAttribute? VerbOf(Type type) => type.GetCustomAttributes(typeof(VerbAttribute), false).OfType<VerbAttribute>().SingleOrDefault();

    /// <summary>"usage: loopbench compare BASELINE CANDIDATE [options]": the first line of a verb's --help.</summary>
    internal static string UsageLine(Type options, VerbAttribute? verb)
    {
        if (verb is null)
        {
            return "usage: loopbench <verb> [options]";
        }

        var values = options.GetProperties()
            .Select(p => p.GetCustomAttributes(typeof(ValueAttribute), false).OfType<ValueAttribute>().SingleOrDefault())
            .OfType<ValueAttribute>()
            .OrderBy(v => v.Index)
            .Select(v => v.Required ? v.MetaName : $"[{v.MetaName}]");
        return string.Join(' ', new[] { "usage: loopbench", verb.Name }.Concat(values).Append("[options]"));
    }

    /// <summary>"unknown option '--paralel'; did you mean --parallel?": the verb's closest long option, by the scenario keys' rule.</summary>
    private static string UnknownOption(string token, Type verb)
    {
        // The parser hands over the name without its dashes; one letter was a short option.
        string name = token.TrimStart('-');
        string typed = name.Length == 1 ? "-" + name : "--" + name;
        var longNames = verb.GetProperties()
            .Select(p => p.GetCustomAttributes(typeof(OptionAttribute), false).OfType<OptionAttribute>().SingleOrDefault()?.LongName)
            .OfType<string>()
            .Where(n => n.Length > 0)
            .ToList();
        string? closest = name.Length > 1 ? LoopBench.Core.Scenarios.KindNames.Closest(name, longNames) : null;
        return closest is null ? $"unknown option '{typed}'" : $"unknown option '{typed}'; did you mean --{closest}?";
    }

    private static string Describe(Error error, Type verb) => error switch
    {
        UnknownOptionError u => UnknownOption(u.Token, verb),
        BadVerbSelectedError v => $"unknown verb '{v.Token}'; valid: {VerbNames}",
        NoVerbSelectedError => $"no verb given; valid: {VerbNames}",
        BadFormatConversionError b => $"option '--{b.NameInfo.LongName}' has a value of the wrong type",
        MissingValueOptionError m => $"option '--{m.NameInfo.LongName}' needs a value",
        MissingRequiredOptionError r => $"option '--{r.NameInfo.LongName}' is required",
        RepeatedOptionError r => $"option '--{r.NameInfo.LongName}' is given more than once",
        SetValueExceptionError s => $"option '--{s.NameInfo.LongName}': {s.Exception.Message}",
        _ => error.Tag.ToString(),
    };
}
