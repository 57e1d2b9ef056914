using System.Globalization;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;
using Iqa.Gpu.Maps;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Metrics.Ssim;
using Iqa.Gpu.Scoring;

namespace Iqa.Gpu.Tests.Maps;

/// <summary>Scoring a pair with its maps (and regions) through the scorer, and the stored reference maps of TestData/maps.</summary>
internal static class MapRuns
{
    /// <summary>The scores of one pair and its analysis, as <c>iqa score --map</c> computes them.</summary>
    public static (IReadOnlyDictionary<string, double> Scores, PairAnalysis Analysis) Analyze(IComputeDevice device,
        IReadOnlyList<MetricDescriptor> metrics, ScoreSettings settings, DecodedImage reference, DecodedImage distorted, AnalysisOptions? options = null)
    {
        PairAnalysis? analysis = null;
        using var scorer = new Scorer(device, metrics, settings,
            analysis: context => new QualityAnalysis(context, metrics, options ?? new AnalysisOptions(), a => analysis = a));
        var scores = scorer.Compute("ref", reference, "dist", distorted);
        return (scores, analysis!);
    }

    /// <summary>The matlab profile, with a colour mode and downsampling of choice.</summary>
    public static ScoreSettings Settings(ColorMode? color = null, string? downsample = null) =>
        Profiles.Resolve("matlab", color, downsample is null ? null : Downsample.Parse(downsample), null);

    public static DecodedImage Synthetic(string name) => ImageDecoder.Decode(TestPaths.RefData("synthetic", name));

    /// <summary>MATLAB rgb2gray of an 8-bit RGB image, stored as an 8-bit gray image (what the reference script reads).</summary>
    public static DecodedImage Gray(DecodedImage rgb) =>
        new(rgb.Width, rgb.Height, 1, [.. rgb.ToPlanes(ColorMode.Gray, 1, 0)[0].Data.Select(v => (byte)v)]);

    /// <summary>A stored reference map of TestData/maps (make_map_reference.py): its size and float32 values.</summary>
    public static (int Width, int Height, float[] Values) Reference(string name)
    {
        string dir = TestPaths.Repo("tests", "Iqa.Gpu.Tests", "TestData", "maps");
        var row = File.ReadLines(Path.Combine(dir, "maps.csv")).Skip(1).Select(l => l.Split(',')).Single(c => c[0] == name);
        int height = int.Parse(row[2], CultureInfo.InvariantCulture), width = int.Parse(row[3], CultureInfo.InvariantCulture);
        byte[] bytes = File.ReadAllBytes(Path.Combine(dir, row[1]));
        var values = new float[width * height];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return (width, height, values);
    }

    /// <summary>The largest absolute difference between two maps of the same size.</summary>
    public static double MaxDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        double max = 0;
        for (int i = 0; i < a.Length; i++)
            max = Math.Max(max, Math.Abs((double)a[i] - b[i]));
        return max;
    }

    public static double Mean(float[] values) => values.Select(v => (double)v).Average();
}
