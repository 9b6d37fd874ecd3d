using ScottPlot;

namespace LoopBench.Plotting.Charts;

/// <summary>Asymmetric confidence-interval whiskers (ScottPlot's bar errors are symmetric only).</summary>
internal static class ErrorWhiskers
{
    public static void Add(Plot plot, double x, Estimate estimate, double capHalfWidth, bool horizontal = false)
    {
        if (estimate.Lower is not double lower || estimate.Upper is not double upper)
        {
            return;
        }

        if (horizontal)
        {
            Segment(plot, lower, x, upper, x);
            Segment(plot, lower, x - capHalfWidth, lower, x + capHalfWidth);
            Segment(plot, upper, x - capHalfWidth, upper, x + capHalfWidth);
        }
        else
        {
            Segment(plot, x, lower, x, upper);
            Segment(plot, x - capHalfWidth, lower, x + capHalfWidth, lower);
            Segment(plot, x - capHalfWidth, upper, x + capHalfWidth, upper);
        }
    }

    private static void Segment(Plot plot, double x1, double y1, double x2, double y2)
    {
        var line = plot.Add.Line(x1, y1, x2, y2);
        line.LineColor = Colors.Black;
        line.LineWidth = 1.5f;
    }
}
