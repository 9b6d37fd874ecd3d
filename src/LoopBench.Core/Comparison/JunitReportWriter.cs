using System.Globalization;
using System.Xml.Linq;

namespace LoopBench.Core.Comparison;

/// <summary>
/// The comparison as JUnit XML: one testcase per case and metric, classname = case key. A
/// regression is a failure, inconclusive is skipped, so CI systems show both natively; a case the
/// candidate lacks (or holds fewer repetitions of) is a failed "completeness" testcase.
/// </summary>
internal static class JunitReportWriter
{
    /// <summary>Renders <paramref name="report"/>.</summary>
    public static string Write(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Rows().ToList();
        var incomplete = report.Incomplete.ToList();
        var suite = new XElement("testsuite",
            new XAttribute("name", "loopbench compare " + report.BaselineRunId + " -> " + report.CandidateRunId),
            new XAttribute("tests", rows.Count + incomplete.Count),
            new XAttribute("failures", report.Count(Verdict.Regression) + incomplete.Count),
            new XAttribute("skipped", report.Count(Verdict.Inconclusive)),
            new XAttribute("errors", 0));
        foreach (var (c, m) in rows)
        {
            var testcase = new XElement("testcase", new XAttribute("classname", c.Label), new XAttribute("name", m.Metric));
            string detail = string.Create(CultureInfo.InvariantCulture,
                $"{m.Verdict.ToId()}: {m.Metric} {FigureText.Of(m.BaselineMedian, m.Unit)} -> {FigureText.Of(m.CandidateMedian, m.Unit)} ({FigureText.Change(m.Ratio)}, {FigureText.Confidence(m.Confidence)} interval {FigureText.Interval(m)}, threshold {ReportText.Percent(m.EffectiveThreshold)}){(m.Note is null ? string.Empty : "; " + m.Note)}");
            if (m.Verdict == Verdict.Regression)
            {
                testcase.Add(new XElement("failure", new XAttribute("message", detail), new XAttribute("type", "regression"), detail));
            }
            else if (m.Verdict == Verdict.Inconclusive)
            {
                testcase.Add(new XElement("skipped", new XAttribute("message", detail)));
            }
            else
            {
                testcase.Add(new XElement("system-out", detail));
            }

            suite.Add(testcase);
        }

        foreach (string line in incomplete)
        {
            int colon = line.LastIndexOf(": ", StringComparison.Ordinal);
            suite.Add(new XElement("testcase", new XAttribute("classname", line[..colon]), new XAttribute("name", "completeness"),
                new XElement("failure", new XAttribute("message", line), new XAttribute("type", "incomplete"), line)));
        }

        var doc = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite));
        return doc.Declaration + "\n" + doc.Root + "\n";
    }
}
