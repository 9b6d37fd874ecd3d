namespace LoopBench.Core.Scenarios;

/// <summary>A place in a scenario file: 1-based line and column.</summary>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
internal readonly record struct SourceMark(int Line, int Column);

/// <summary>A scalar of a scenario file with where it was written.</summary>
/// <param name="Text">The scalar as written.</param>
/// <param name="Mark">Where it starts.</param>
internal sealed record ScenarioValue(string Text, SourceMark Mark);

/// <summary>One <c>parameter: value</c> pair of defaults, include or exclude.</summary>
/// <param name="Key">The parameter name as written.</param>
/// <param name="KeyMark">Where the key starts.</param>
/// <param name="Value">The value.</param>
internal sealed record ScenarioSetting(string Key, SourceMark KeyMark, ScenarioValue Value);

/// <summary>A matrix axis: one parameter and the values it takes.</summary>
/// <param name="Key">The parameter name as written.</param>
/// <param name="KeyMark">Where the key starts.</param>
/// <param name="Values">The values, in file order.</param>
internal sealed record ScenarioAxis(string Key, SourceMark KeyMark, IReadOnlyList<ScenarioValue> Values);

/// <summary>The <c>compare:</c> block: which matrix axis summary.md and report.html judge as an A/B.</summary>
/// <param name="Mark">Where the block's key starts.</param>
/// <param name="Axis">The <c>axis</c> key, or null when missing.</param>
/// <param name="Baseline">The <c>baseline</c> key, or null: the axis's first value.</param>
internal sealed record ScenarioCompareBlock(SourceMark Mark, ScenarioValue? Axis, ScenarioValue? Baseline);

/// <summary>
/// The raw YAML of a scenario (the DTO): names and texts as written, each with its mark, before any
/// parameter is parsed. <see cref="ScenarioValidator"/> turns it into a <see cref="Scenario"/>.
/// </summary>
/// <param name="File">The path it was read from, as given (used in error messages).</param>
/// <param name="Name">The <c>name</c> key, or null.</param>
/// <param name="Description">The <c>description</c> key, or null.</param>
/// <param name="Repetitions">The <c>repetitions</c> key, or null.</param>
/// <param name="Timeout">The <c>timeout</c> key (per repetition), or null.</param>
/// <param name="Defaults">Parameters every case starts from.</param>
/// <param name="Matrix">The axes, crossed in file order (the first varies slowest).</param>
/// <param name="Include">Extra cases: defaults overlaid with each entry.</param>
/// <param name="Exclude">Combinations to drop: every key of an entry must match.</param>
internal sealed record ScenarioDocument(
    string File,
    string? Name,
    string? Description,
    ScenarioValue? Repetitions,
    ScenarioValue? Timeout,
    IReadOnlyList<ScenarioSetting> Defaults,
    IReadOnlyList<ScenarioAxis> Matrix,
    IReadOnlyList<IReadOnlyList<ScenarioSetting>> Include,
    IReadOnlyList<IReadOnlyList<ScenarioSetting>> Exclude)
{
    /// <summary>The <c>compare</c> block, or null.</summary>
    public ScenarioCompareBlock? Compare { get; init; }
}

/// <summary>One problem in a scenario file, printed as <c>file:line:col: message</c> (<c>file: message</c> without a place).</summary>
/// <param name="File">The file as given.</param>
/// <param name="Mark">Where the problem is.</param>
/// <param name="Message">What is wrong and what is valid.</param>
internal sealed record ScenarioError(string File, SourceMark Mark, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Mark.Line <= 0
        ? $"{File}: {Message}"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{File}:{Mark.Line}:{Mark.Column}: {Message}");
}

/// <summary>A scenario that cannot run: every error found, in file order.</summary>
internal sealed class ScenarioException : Exception
{
    /// <summary>Creates the exception from the collected errors.</summary>
    public ScenarioException(IReadOnlyList<ScenarioError> errors)
        : base(string.Join(System.Environment.NewLine, errors.Select(e => e.ToString())))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception without errors.</summary>
    public ScenarioException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public ScenarioException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>The errors, in file order.</summary>
    public IReadOnlyList<ScenarioError> Errors { get; }
}
