namespace LoopBench.Core.Scenarios;

/// <summary>
/// Finds the flow bracket ('[' or '{') that a broken scenario file leaves open, so that the error
/// points at the opener rather than where the parser gave up (often the end of the file). Asked only
/// after YamlDotNet has refused the text. A lexical scan, not a YAML reader: it knows quotes, comments
/// and block scalars, and takes a bracket or quote as an indicator only where a value can start
/// (<c>description: it's a [draft</c> is one plain scalar).
/// </summary>
internal static class FlowBrackets
{
    /// <summary>Where the innermost unclosed (or wrongly closed) bracket opens and what is wrong; null when every bracket closes.</summary>
    public static (SourceMark Mark, string Message)? FindUnclosed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var open = new Stack<(char Bracket, SourceMark Mark)>();
        var scan = new Position();
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            scan.Column++;
            if (ch == '\n')
            {
                scan.NewLine();
                continue;
            }

            if (scan.Skip(ch, open.Count > 0))
            {
                continue;
            }

            if (scan.Quote != '\0')
            {
                i = scan.InQuote(text, i);
                continue;
            }

            switch (ch)
            {
                case ' ' or '\t' or '\r':
                    break;
                case '#' when i == 0 || text[i - 1] is ' ' or '\t' or '\r' or '\n':
                    scan.Comment = true;
                    break;
                case '[' or '{' when scan.ValueStart || open.Count > 0:
                    open.Push((ch, new SourceMark(scan.Line, scan.Column)));
                    scan.ValueStart = true;
                    break;
                case ']' or '}' when open.Count > 0:
                    var (bracket, mark) = open.Pop();
                    if (bracket != (ch == ']' ? '[' : '{'))
                    {
                        return (mark, $"'{bracket}' opened here is never closed ('{ch}' at {scan.Line}:{scan.Column} does not close it)");
                    }

                    scan.ValueStart = false;
                    break;
                case ',' when open.Count > 0:
                    scan.ValueStart = true;
                    break;
                case '"' or '\'' when scan.ValueStart:
                    scan.Quote = ch;
                    break;
                case '|' or '>' when scan.ValueStart && open.Count == 0:
                    scan.BlockScalarParentIndent = scan.Indent;
                    scan.Comment = true; // the rest of the line is the block scalar's header
                    break;
                case ':' or '-' or '?':
                    // An indicator only when a space (or, in flow, a bracket or comma) follows: "a:b" and "-5" are plain.
                    // "- " and "? " only where a value may start: "a - [b" is one plain scalar.
                    char next = i + 1 < text.Length ? text[i + 1] : '\n';
                    bool spaced = next is ' ' or '\t' or '\r' or '\n' || (open.Count > 0 && next is ',' or '[' or ']' or '{' or '}');
                    scan.ValueStart = spaced && (ch == ':' || scan.ValueStart);
                    break;
                case '&' or '!' when scan.ValueStart:
                    // An anchor or tag comes before the value it names: skip the token, the value may still start.
                    while (i + 1 < text.Length && text[i + 1] is not (' ' or '\t' or '\r' or '\n' or ',' or '[' or ']' or '{' or '}'))
                    {
                        i++;
                        scan.Column++;
                    }

                    break;
                default:
                    scan.ValueStart = false;
                    break;
            }
        }

        if (scan.Quote != '\0' || open.Count == 0)
        {
            // An unclosed quote is YamlDotNet's to report: its message names the quote's place.
            return null;
        }

        var (unclosed, at) = open.Peek();
        return (at, $"'{unclosed}' opened here is never closed");
    }

    /// <summary>The scan's place and lexical state.</summary>
    private sealed class Position
    {
        public int Line { get; private set; } = 1;

        public int Column { get; set; }

        /// <summary>Spaces before the first character of the line.</summary>
        public int Indent { get; private set; }

        /// <summary>The quote of the quoted scalar being read, or '\0'.</summary>
        public char Quote { get; set; }

        /// <summary>True where a node may begin: line start, after ": ", "- ", "? ", and in flow after '[', '{' and ','.</summary>
        public bool ValueStart { get; set; } = true;

        public bool Comment { get; set; }

        /// <summary>Inside a block scalar (| or >), the indent of the line that opened it; -1 outside.</summary>
        public int BlockScalarParentIndent { get; set; } = -1;

        private bool _lineStart = true;

        public void NewLine()
        {
            Line++;
            (Column, Indent, Comment, _lineStart) = (0, 0, false, true);
            if (Quote == '\0')
            {
                ValueStart = true;
            }
        }

        /// <summary>True when <paramref name="ch"/> is indentation, comment or block-scalar text.</summary>
        public bool Skip(char ch, bool inFlow)
        {
            if (Comment)
            {
                return true;
            }

            if (!_lineStart)
            {
                return false;
            }

            if (ch == ' ' && Quote == '\0')
            {
                Indent++;
                return true;
            }

            _lineStart = false;
            if (BlockScalarParentIndent < 0 || inFlow || ch is '\r')
            {
                return false;
            }

            if (Indent > BlockScalarParentIndent)
            {
                Comment = true; // a line of the block scalar's text
                return true;
            }

            BlockScalarParentIndent = -1;
            return false;
        }

        /// <summary>Reads one character of a quoted scalar at <paramref name="i"/>; returns the index of the last one consumed.</summary>
        public int InQuote(string text, int i)
        {
            char ch = text[i];
            bool hasNext = i + 1 < text.Length && text[i + 1] != '\n';
            if (ch == '\\' && Quote == '"' && hasNext)
            {
                Column++;
                return i + 1;
            }

            if (ch == Quote)
            {
                if (Quote == '\'' && hasNext && text[i + 1] == '\'')
                {
                    Column++;
                    return i + 1; // '' is a quote inside a single-quoted scalar
                }

                (Quote, ValueStart) = ('\0', false);
            }

            return i;
        }
    }
}
