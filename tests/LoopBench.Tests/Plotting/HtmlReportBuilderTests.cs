using LoopBench.Plotting.Report;

namespace LoopBench.Tests.Plotting;

public sealed class HtmlReportBuilderTests
{
    [Fact]
    public void Report_IsSelfContained_AndEscapesText()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];
        string html = new HtmlReportBuilder("run <1> & co")
            .Heading("Environment")
            .Table(["case", "verdict"], [["tcp4 <stream>", "regression"], ["tcp6", "no-change"]])
            .Image(png, "throughput")
            .Build();

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("run &lt;1&gt; &amp; co", html, StringComparison.Ordinal);
        Assert.Contains("tcp4 &lt;stream&gt;", html, StringComparison.Ordinal);
        Assert.Contains("class=\"regression\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(RunReportTests.ExternalReference(), html);
        var sources = RunReportTests.Images(html);
        Assert.Single(sources);
        Assert.All(sources, s => Assert.StartsWith("data:image/png;base64,", s, StringComparison.Ordinal));
    }
}
