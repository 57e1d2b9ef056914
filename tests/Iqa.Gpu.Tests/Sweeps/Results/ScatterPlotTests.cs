using Iqa.Gpu.Images;
using Iqa.Gpu.Sweeps.Results;
using Iqa.Gpu.Sweeps.Statistics;

namespace Iqa.Gpu.Tests.Sweeps.Results;

public class ScatterPlotTests
{
    /// <summary>
    /// 25 types (KADID-10k's count, past the 20 palette colours) with the fitted curve, and the same with an infinite
    /// score (no fit then): each PNG has the requested size and is not blank. IQA_SWEEP_PLOT_DIR keeps copies for a
    /// person to look at.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Renders_a_readable_png(bool infinite)
    {
        var items = SweepSamples.Items(25, 12);
        if (infinite)
            items[0] = items[0] with { Score = double.PositiveInfinity };
        var result = AgreementAnalysis.Analyze("psnr", items, new BootstrapSettings(50, 1));
        Assert.Equal(!infinite, result.Fit.Converged);
        using var temp = new TempDirectory();
        string path = temp.File("psnr.png");
        ScatterPlot.SavePng(path, "KADID-10k", "DMOS (higher is better)", result, items, 1000, 700);
        var image = ImageDecoder.Decode(path);
        Assert.Equal((1000, 700), (image.Width, image.Height));
        Assert.True(image.Bytes!.Distinct().Count() > 50, "the plot looks blank");
        if (Environment.GetEnvironmentVariable("IQA_SWEEP_PLOT_DIR") is string keep)
            File.Copy(path, Path.Combine(keep, $"psnr_{(infinite ? "infinite" : "fitted")}.png"), overwrite: true);
    }

    [Fact]
    public void Unwritable_path_is_a_clean_error()
    {
        var items = SweepSamples.Items(2, 10);
        var result = AgreementAnalysis.Analyze("ssim", items, new BootstrapSettings(10, 1));
        var e = Assert.Throws<IqaException>(() => ScatterPlot.SavePng("/nonexistent/dir/ssim.png", "TID2013", "MOS", result, items));
        Assert.StartsWith("cannot write /nonexistent/dir/ssim.png", e.Message);
    }
}
