using System.Text.RegularExpressions;
using LoopBench.Core.Comparison;
using LoopBench.Plotting.Report;

namespace LoopBench.Tests.Plotting;

/// <summary>The HTML report, checked by structure: embedded images only, no external reference, every case, the verdicts.</summary>
[Collection(RenderingCollection.Name)]
public sealed partial class RunReportTests
{
    [Fact]
    public void Report_OfASweep_IsSelfContained_AndHoldsEveryCaseAndChart()
    {
        var run = PlotFixtures.SizeSweep();
        string html = RunReport.Build(run);
        AssertSelfContained(html);
        foreach (var c in run.Cases)
        {
            Assert.Contains(System.Net.WebUtility.HtmlEncode(c.Key), html, StringComparison.Ordinal);
        }

        Assert.Contains("<h2>Environment</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Scenario</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<td>seed</td><td>42</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>label</td><td>test</td>", html, StringComparison.Ordinal);
        Assert.Contains("bench-1", html, StringComparison.Ordinal);
        Assert.Equal(3, Images(html).Count); // sweep, repetitions, time series
        Assert.DoesNotContain("Comparison with baseline", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ListsTheCasesWarnings_AndHasNoSectionWithoutThem()
    {
        var run = PlotFixtures.SizeSweep();
        Assert.DoesNotContain("<h2>Warnings</h2>", RunReport.Build(run), StringComparison.Ordinal);

        var warned = run with { Cases = [run.Cases[0] with { Warnings = ["placement varied: every end ran on one CPU in repetition 1"] }, .. run.Cases.Skip(1)] };
        string html = RunReport.Build(warned);

        Assert.Contains("<h2>Warnings</h2>", html, StringComparison.Ordinal);
        Assert.Contains($"<td>{System.Net.WebUtility.HtmlEncode(run.Cases[0].Key)}</td><td>placement varied: every end ran on one CPU in repetition 1</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_OfLatencyCases_EmbedsPercentilesAndCdf()
    {
        string html = RunReport.Build(PlotFixtures.Placements());
        AssertSelfContained(html);
        Assert.Contains("latency by percentile", html, StringComparison.Ordinal);
        Assert.Contains("latency CDF", html, StringComparison.Ordinal);
        Assert.Equal(5, Images(html).Count); // bar, repetitions, time series, percentiles, CDF
    }

    [Fact]
    public void Report_WithBaseline_ShowsVerdictsAndTheComparisonChart()
    {
        var baseline = PlotFixtures.SizeSweep("20261123T100000Z-base");
        var candidate = PlotFixtures.SizeSweep("20261123T100500Z-cand", factor: 0.8, seed: 999);
        var comparison = CaseComparer.Compare(baseline, candidate, new ComparisonOptions());
        string html = RunReport.Build(candidate, comparison);
        AssertSelfContained(html);
        Assert.Contains("Comparison with baseline 20261123T100000Z-base", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"regression\">regression</td>", html, StringComparison.Ordinal);
        Assert.Contains(ReportText.Headline(comparison), html, StringComparison.Ordinal);
        Assert.Equal(4, Images(html).Count);
    }

    [Fact]
    public void Report_WithNoPassingCase_SaysSo_AndDrawsNothing()
    {
        var run = PlotFixtures.NonePassed();
        string html = RunReport.Build(run);
        AssertSelfContained(html);
        Assert.Contains("No case passed in this run", html, StringComparison.Ordinal);
        Assert.Contains("failed:setup", html, StringComparison.Ordinal);
        Assert.Contains("port in use", html, StringComparison.Ordinal);
        Assert.Empty(Images(html));
    }

    [Fact]
    public void Report_RrRows_CarryThePercentileMedians_AndADashForAMissingOne()
    {
        string html = RunReport.Build(LoopBench.Tests.Fixtures.LatencyRuns.Run());
        string Enc(string text) => System.Net.WebUtility.HtmlEncode(text);

        Assert.Contains($"<th>{Enc("CV %")}</th><th>{Enc("p50 µs")}</th><th>{Enc("p99 µs")}</th><th>{Enc("p99.9 µs")}</th><th>reps</th>", html, StringComparison.Ordinal);
        string full = SummaryRow(html, LoopBench.Tests.Fixtures.LatencyRuns.Full().Key);
        Assert.Contains("<td>51.00k/s</td>", full, StringComparison.Ordinal);
        Assert.Contains("<td>12.34</td><td>45.67</td><td>98.76</td><td>3</td>", full, StringComparison.Ordinal);
        string partial = SummaryRow(html, LoopBench.Tests.Fixtures.LatencyRuns.WithoutP999().Key);
        Assert.Contains($"<td>21.00</td><td>61.00</td><td>{Enc("–")}</td><td>3</td>", partial, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>0.00</td>", partial, StringComparison.Ordinal);
        Assert.Contains("<td></td><td></td><td></td><td>3</td>", SummaryRow(html, LoopBench.Tests.Fixtures.LatencyRuns.Stream().Key), StringComparison.Ordinal);
    }

    /// <summary>The summary table's row of <paramref name="key"/> (the first table row that names it).</summary>
    private static string SummaryRow(string html, string key)
    {
        int at = html.IndexOf("<td>" + System.Net.WebUtility.HtmlEncode(key) + "</td>", StringComparison.Ordinal);
        Assert.True(at >= 0, key);
        return html[at..html.IndexOf("</tr>", at, StringComparison.Ordinal)];
    }

    internal static void AssertSelfContained(string html)
    {
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.All(Images(html), s => Assert.StartsWith("data:image/png;base64,", s, StringComparison.Ordinal));
        Assert.All(Images(html), s => Assert.True(s.Length > 10_000, "an embedded chart is suspiciously small"));
    }

    internal static List<string> Images(string html) => ImageSource().Matches(html).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("(href|src)=\"(https?:|//|file:)", RegexOptions.IgnoreCase)]
    internal static partial Regex ExternalReference();

    [GeneratedRegex("<img[^>]*src=\"([^\"]*)\"")]
    private static partial Regex ImageSource();
}
