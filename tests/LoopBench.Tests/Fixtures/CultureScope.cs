using System.Globalization;

namespace LoopBench.Tests.Fixtures;

/// <summary>Switches the current culture for a block: <c>using var _ = CultureScope.Use("de-DE");</c>.</summary>
internal sealed class CultureScope : IDisposable
{
    private readonly CultureInfo _saved = CultureInfo.CurrentCulture;

    public CultureScope(string culture) => CultureInfo.CurrentCulture = new CultureInfo(culture);

    public static CultureScope Use(string culture) => new(culture);

    public void Dispose() => CultureInfo.CurrentCulture = _saved;
}
