using LoopBench.Core;

namespace LoopBench.Cli.Commands;

/// <summary>What <c>compare --format</c> prints the report as.</summary>
internal enum CompareFormat
{
    /// <summary>Aligned terminal table, coloured by verdict on a terminal.</summary>
    [Id("table")]
    Table,

    /// <summary>GitHub-flavoured Markdown, for $GITHUB_STEP_SUMMARY and PR comments.</summary>
    [Id("markdown")]
    Markdown,

    /// <summary>JSON, named as run.json is; an array of reports with --axis.</summary>
    [Id("json")]
    Json,

    /// <summary>JUnit XML, one comparison only.</summary>
    [Id("junit")]
    Junit,
}
