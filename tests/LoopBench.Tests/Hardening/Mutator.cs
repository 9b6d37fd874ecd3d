using System.Text;

namespace LoopBench.Tests.Hardening;

/// <summary>Seeded mutations of a text document: byte flips, cut and duplicated spans, hostile numbers, deep nesting.</summary>
internal sealed class Mutator(int seed, string structure)
{
    private static readonly string[] HostileTokens =
        ["-1", "0", "1e999", "-1e999", "NaN", "99999999999999999999999", "2147483648", "-9223372036854775809", "null", "\"\"", "\u0000", "\uD800", "~", "&a", "*a", "!!binary"];

    private readonly Random _random = new(seed);

    /// <summary>One to three mutations of <paramref name="text"/>.</summary>
    public string Mutate(string text)
    {
        var s = new StringBuilder(text);
        int rounds = _random.Next(1, 4);
        for (int i = 0; i < rounds && s.Length > 0; i++)
        {
            int at = _random.Next(s.Length);
            int span = Math.Min(s.Length - at, _random.Next(1, 64));
            switch (_random.Next(7))
            {
                case 0:
                    s[at] = structure[_random.Next(structure.Length)];
                    break;
                case 1:
                    s[at] = (char)_random.Next(1, 0x80);
                    break;
                case 2:
                    s.Remove(at, span);
                    break;
                case 3:
                    s.Insert(_random.Next(s.Length), s.ToString(at, span));
                    break;
                case 4:
                    s.Length = at; // truncated, as by a crash
                    break;
                case 5:
                    s.Insert(at, HostileTokens[_random.Next(HostileTokens.Length)]);
                    break;
                default:
                    int depth = _random.Next(10, 400);
                    s.Insert(at, new string(structure[0], depth));
                    break;
            }
        }

        return s.ToString();
    }
}
