using Iqa.Gpu.Metrics.Ssim;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Scoring;

namespace Iqa.Gpu.Tests.Metrics;

/// <summary>
/// SSIM, MS-SSIM and PSNR against the independent reference values (scikit-image 0.19.3 / numpy port, MATLAB conventions)
/// on every available backend. Tolerances: SSIM and MS-SSIM 1e-5 absolute, PSNR 1e-3 dB.
/// </summary>
public sealed class ReferenceParityTests(BackendPool pool) : IClassFixture<BackendPool>
{
    public const double SsimTolerance = 1e-5, PsnrToleranceDb = 1e-3;

    /// <summary>Reference column, metric, colour mode and downsampling that produce it.</summary>
    public static readonly (string Column, string Metric, ColorMode Color, Downsample Downsample)[] Columns =
    [
        ("ssim_gray", "ssim", ColorMode.Gray, Downsample.None),
        ("ssim_gray_wangds", "ssim", ColorMode.Gray, Downsample.Automatic),
        ("ssim_y", "ssim", ColorMode.Y, Downsample.None),
        ("ssim_y_wangds", "ssim", ColorMode.Y, Downsample.Automatic),
        ("psnr_rgb", "psnr", ColorMode.Rgb, Downsample.None),
        ("psnr_y", "psnr", ColorMode.Y, Downsample.None),
        ("msssim_gray", "ms_ssim", ColorMode.Gray, Downsample.None),
        ("msssim_y", "ms_ssim", ColorMode.Y, Downsample.None),
    ];

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        int rows = ReferenceRow.Load().Count;
        foreach (var backend in Backends.Names)
            for (int r = 0; r < rows; r++)
                data.Add(backend, r);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesReferenceValues(string backend, int rowIndex)
    {
        var row = ReferenceRow.Load()[rowIndex];
        var reference = ImageDecoder.Decode(row.RefPath);
        var distorted = ImageDecoder.Decode(row.DistPath);
        var failures = new List<string>();
        foreach (var (column, metric, color, downsample) in Columns)
        {
            var settings = new ScoreSettings("test", color, downsample, null);
            using var scorer = new Scorer(pool.Get(backend), [MetricRegistry.Find(metric)], settings);
            double actual = scorer.Compute(row.RefPath, reference, row.DistPath, distorted)[metric];
            double expected = row.Values[column];
            double tolerance = metric == "psnr" ? PsnrToleranceDb : SsimTolerance;
            bool ok = double.IsInfinity(expected) ? actual == expected : Math.Abs(actual - expected) <= tolerance;
            if (!ok)
                failures.Add($"{column}: expected {expected:R}, got {actual:R} (diff {actual - expected:E2})");
        }
        Assert.True(failures.Count == 0, $"{row} on {backend}:\n" + string.Join("\n", failures));
    }
}
