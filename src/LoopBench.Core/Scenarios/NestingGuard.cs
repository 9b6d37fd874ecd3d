namespace LoopBench.Core.Scenarios;

/// <summary>
/// Refuses YAML nested deeper than <see cref="MaxDepth"/> before the parser sees it: YamlDotNet
/// descends recursively, and some 100 KB of nested brackets overflow the stack, which no catch
/// can handle. A scenario needs three levels (matrix → axis → values); the scan is a guard, not
/// a YAML reader, so it over-counts a bracket inside a plain scalar, which stays far below the limit.
/// </summary>
internal static class NestingGuard
{
    /// <summary>Deepest nesting a scenario file may have, flow brackets and block indentation each.</summary>
    public const int MaxDepth = 64;

    /// <summary>The place and description of the first point past <see cref="MaxDepth"/>, or null when the text is within it.</summary>
    public static (SourceMark Mark, string Message)? Check(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int line = 1, column = 0, flow = 0;
        char quote = '\0';
        bool comment = false, lineStart = true;
        int indent = 0, dashes = 0;
        var indents = new Stack<int>();
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            column++;
            if (ch == '\n')
            {
                (line, column, comment, lineStart, indent, dashes) = (line + 1, 0, false, true, 0, 0);
                continue;
            }

            if (comment)
            {
                continue;
            }

            if (lineStart)
            {
                if (ch == ' ')
                {
                    indent++;
                    continue;
                }

                if (ch == '-' && i + 1 < text.Length && text[i + 1] is ' ' or '\n')
                {
                    dashes++; // "- - - x": each dash opens a sequence level on one line
                    indent += 2;
                    i++;
                    column++;
                    continue;
                }

                lineStart = false;
                if (ch is not '#' and not '\r' && flow == 0 && quote == '\0')
                {
                    while (indents.Count > 0 && indents.Peek() >= indent)
                    {
                        indents.Pop();
                    }

                    indents.Push(indent);
                    if (indents.Count + dashes > MaxDepth)
                    {
                        return (new SourceMark(line, column), $"block nesting deeper than {MaxDepth} levels; a scenario needs three");
                    }
                }
            }

            if (quote != '\0')
            {
                if (ch == '\\' && quote == '"')
                {
                    i++;
                    column++;
                }
                else if (ch == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            switch (ch)
            {
                case '"' or '\'':
                    quote = ch;
                    break;
                case '#' when i == 0 || text[i - 1] is ' ' or '\t' or '\n':
                    comment = true;
                    break;
                case '[' or '{':
                    if (++flow > MaxDepth)
                    {
                        return (new SourceMark(line, column), $"'{ch}' nested deeper than {MaxDepth} levels; a scenario needs three");
                    }

                    break;
                case ']' or '}':
                    flow = Math.Max(0, flow - 1);
                    break;
            }
        }

        return null;
    }
}
