namespace LoopBench.Core.Scenarios;

/// <summary>The kind of text a case parameter takes; the generated scenario schema gives each kind its shape.</summary>
internal enum ParameterValueKind
{
    /// <summary>Free text (an address, a path, a qdisc spec), optionally held to a pattern.</summary>
    [Id("text")]
    Text,

    /// <summary>A whole number.</summary>
    [Id("integer")]
    Integer,

    /// <summary>on/off (also true/false, yes/no, 1/0).</summary>
    [Id("switch")]
    Switch,

    /// <summary>Bytes with optional suffixes: 64, 128K, 1MiB (<see cref="ValueParsers.TryParseBytes"/>).</summary>
    [Id("size")]
    Size,

    /// <summary>A bare number of seconds, or a number with ns, us, ms, s, m or h (<see cref="ValueParsers.TryParseDurationMs"/>).</summary>
    [Id("duration")]
    Duration,

    /// <summary>A rate with SI suffixes: 500, 100k, 2.5M, 1G.</summary>
    [Id("rate")]
    Rate,

    /// <summary>One id of a closed set (an enum's [Id] values).</summary>
    [Id("choice")]
    Choice,
}

/// <summary>
/// What text a case parameter accepts, as data: the scenario schema (docs/scenario.schema.json) is
/// generated from it, so editors check the same names, values and ranges as the loader.
/// </summary>
/// <param name="Kind">The kind of text.</param>
internal sealed record ParameterValue(ParameterValueKind Kind)
{
    /// <summary>The whole numbers int.TryParse takes with NumberStyles.Integer.</summary>
    public const string IntegerPattern = @"^\s*[-+]?[0-9]+\s*$";

    /// <summary>The rates the case parameters take: a number with an optional k, M or G (10^3, 10^6, 10^9).</summary>
    public const string RatePattern = @"^\s*([0-9]+\.?[0-9]*|\.[0-9]+)\s*[kKmMgG]?\s*$";

    /// <summary>The words a switch takes, besides YAML's true and false.</summary>
    public static IReadOnlyList<string> SwitchWords { get; } = ["on", "off", "true", "false", "yes", "no", "1", "0"];

    /// <summary>A plain string.</summary>
    public static ParameterValue Text { get; } = new(ParameterValueKind.Text);

    /// <summary>on/off.</summary>
    public static ParameterValue Switch { get; } = new(ParameterValueKind.Switch);

    /// <summary>A duration.</summary>
    public static ParameterValue Duration { get; } = new(ParameterValueKind.Duration) { Minimum = 0, Pattern = ValueParsers.DurationPattern };

    /// <summary>A rate with SI suffixes.</summary>
    public static ParameterValue Rate { get; } = new(ParameterValueKind.Rate) { Minimum = 0, Pattern = RatePattern };

    /// <summary>The allowed ids of a <see cref="ParameterValueKind.Choice"/>; empty for other kinds.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>Smallest number accepted when the value is written as a plain number; null when unbounded.</summary>
    public long? Minimum { get; init; }

    /// <summary>Largest number accepted when the value is written as a plain number; null when unbounded.</summary>
    public long? Maximum { get; init; }

    /// <summary>An ECMA-262 pattern the text must match; null when any text of the kind is accepted.</summary>
    public string? Pattern { get; init; }

    /// <summary>One of <typeparamref name="T"/>'s ids.</summary>
    public static ParameterValue Choice<T>()
        where T : struct, Enum => new(ParameterValueKind.Choice) { Choices = EnumIds.Ids<T>() };

    /// <summary>A whole number in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public static ParameterValue Integer(long? minimum = null, long? maximum = null) =>
        new(ParameterValueKind.Integer) { Minimum = minimum, Maximum = maximum, Pattern = IntegerPattern };

    /// <summary>A byte size in [<paramref name="minimum"/>, <paramref name="maximum"/>] bytes.</summary>
    public static ParameterValue Size(long? minimum = null, long? maximum = null) =>
        new(ParameterValueKind.Size) { Minimum = minimum, Maximum = maximum, Pattern = ValueParsers.SizePattern };

    /// <summary>Text that matches <paramref name="pattern"/>.</summary>
    public static ParameterValue Matching(string pattern) => new(ParameterValueKind.Text) { Pattern = pattern };
}
