using Iqa.Gpu;
using ScottPlot;

namespace Iqa.Cli.Output;

/// <summary>
/// A comparison as a grouped bar chart (PNG): a group per workload x size x mode, a bar per column (device), frames per
/// second on a logarithmic axis, since devices differ by orders of magnitude.
/// </summary>
public static class BenchPlot
{
    /// <exception cref="IqaException">Nothing was measured, or the file can't be written.</exception>
    public static void Write(string path, BenchComparison comparison, string title)
    {
        var values = comparison.Rows.SelectMany(r => r.FramesPerSecond).OfType<double>().Where(v => v > 0).ToList();
        if (values.Count == 0)
            throw new IqaException($"{path}: nothing was measured to plot");
        // Bars rise from a power of ten below the slowest figure: log10 of that is the base of every bar.
        double floor = Math.Floor(Math.Log10(values.Min()));
        var palette = new ScottPlot.Palettes.Category10();
        var plot = new Plot();
        int columns = comparison.Columns.Count;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int g = 0; g < comparison.Rows.Count; g++)
        {
            var row = comparison.Rows[g];
            double start = g * (columns + 1);
            for (int c = 0; c < columns; c++)
                if (row.FramesPerSecond[c] is > 0 and var fps)
                    plot.Add.Bar(new Bar
                    {
                        Position = start + c,
                        Value = Math.Log10(fps),
                        ValueBase = floor,
                        FillColor = palette.GetColor(c),
                    });
            ticks.AddMajor(start + (columns - 1) / 2.0, $"{row.Workload}\n{row.Size}\n{row.Mode}");
        }
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        };
        plot.Grid.MinorLineColor = Colors.Black.WithOpacity(.05);
        plot.Grid.MinorLineWidth = 1;
        plot.Axes.SetLimitsY(floor, Math.Ceiling(Math.Log10(values.Max()) + 0.2));
        plot.Title(title);
        plot.YLabel("frames per second (log scale)");
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.UpperRight;
        for (int c = 0; c < columns; c++)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = comparison.Columns[c].Label, FillColor = palette.GetColor(c) });
        // Room for each group's three-line label (about 90 pixels) or its bars, whichever is wider.
        int width = Math.Clamp(comparison.Rows.Count * Math.Max(90, (columns + 1) * 28) + 200, 800, 8000);
        try
        {
            plot.SavePng(path, width, 600);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IqaException($"{path}: cannot write the plot ({e.Message})", e);
        }
    }
}
