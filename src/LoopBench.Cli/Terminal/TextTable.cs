using System.Text;

namespace LoopBench.Cli.Terminal;

/// <summary>A plain aligned text table: the first column left-aligned, the rest right-aligned.</summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = [];

    public TextTable(params string[] headers) => _headers = headers;

    public void AddRow(params string[] cells) => _rows.Add(cells);

    public override string ToString()
    {
        var widths = _headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        foreach (var row in _rows.Prepend(_headers))
        {
            for (int i = 0; i < row.Length; i++)
            {
                text.Append(i == 0 ? row[i].PadRight(widths[i]) : "  " + row[i].PadLeft(widths[i]));
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
