using System.Globalization;
using System.Net;
using System.Text;

namespace LoopBench.Plotting.Report;

/// <summary>
/// Builds one self-contained HTML page: inline CSS, images embedded as data: URIs, no scripts, no
/// fonts and no external links, so the report opens offline and can be attached to a CI run.
/// </summary>
internal sealed class HtmlReportBuilder
{
    private const string Style =
        "body{font-family:sans-serif;margin:2em auto;max-width:1250px;color:#222}" +
        "table{border-collapse:collapse;margin:1em 0;font-size:90%}" +
        "th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}" +
        "th:first-child,td:first-child{text-align:left}th{background:#f0f0f0}" +
        "td.regression{background:#f8d0d0}td.improvement{background:#d0f0d0}td.inconclusive{background:#fbe7c0}" +
        "img{max-width:100%;border:1px solid #ddd;margin:0.5em 0}figcaption{font-size:85%;color:#555}" +
        "pre{background:#f7f7f7;padding:0.5em;overflow-x:auto}";

    private readonly StringBuilder _body = new();
    private readonly string _title;

    /// <summary>Starts a report titled <paramref name="title"/>.</summary>
    public HtmlReportBuilder(string title) => _title = title;

    /// <summary>A section heading (h2).</summary>
    public HtmlReportBuilder Heading(string text)
    {
        _body.Append("<h2>").Append(Escape(text)).Append("</h2>\n");
        return this;
    }

    /// <summary>A paragraph of plain text.</summary>
    public HtmlReportBuilder Paragraph(string text)
    {
        _body.Append("<p>").Append(Escape(text)).Append("</p>\n");
        return this;
    }

    /// <summary>A table; a cell whose text is a verdict id gets that verdict's colour.</summary>
    public HtmlReportBuilder Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        _body.Append("<table><tr>");
        foreach (string header in headers)
        {
            _body.Append("<th>").Append(Escape(header)).Append("</th>");
        }

        _body.Append("</tr>\n");
        foreach (var row in rows)
        {
            _body.Append("<tr>");
            foreach (string cell in row)
            {
                string css = cell is "regression" or "improvement" or "inconclusive" ? $" class=\"{cell}\"" : string.Empty;
                _body.Append("<td").Append(css).Append('>').Append(Escape(cell)).Append("</td>");
            }

            _body.Append("</tr>\n");
        }

        _body.Append("</table>\n");
        return this;
    }

    /// <summary>A PNG image embedded as a data: URI, with a caption.</summary>
    public HtmlReportBuilder Image(byte[] png, string caption)
    {
        ArgumentNullException.ThrowIfNull(png);
        _body.Append("<figure><img alt=\"").Append(Escape(caption)).Append("\" src=\"data:image/png;base64,")
            .Append(Convert.ToBase64String(png)).Append("\"/><figcaption>").Append(Escape(caption)).Append("</figcaption></figure>\n");
        return this;
    }

    /// <summary>The whole page.</summary>
    public string Build() =>
        string.Create(CultureInfo.InvariantCulture,
            $"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>{Escape(_title)}</title><style>{Style}</style></head>\n<body><h1>{Escape(_title)}</h1>\n{_body}</body></html>\n");

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
