using Iqa.Gpu.Images;

namespace Iqa.Gpu.Metrics.Niqe;

/// <summary>
/// Fits a NIQE model to pristine images as the release's estimatemodelparam.m does (called there with 96×96
/// blocks, no overlap, <c>sh_th = 0.75</c>): per image, keep the blocks whose sharpness (mean σ) exceeds 0.75 ×
/// the image's largest block sharpness; pool the kept blocks' 36 features over all images; the model is their
/// <c>nanmean</c> and <c>nancov</c>.
/// </summary>
public static class NiqeModelFitter
{
    /// <summary>estimatemodelparam.m's <c>sh_th</c>.</summary>
    public const double SharpnessThreshold = 0.75;


    /// <summary>
    /// Fits a model to the images in <paramref name="folder"/> (not recursive), read as MATLAB rgb2gray on the
    /// 0..255 scale, with <paramref name="calculator"/> (default <see cref="NiqeCalculator.Vectorized"/>).
    /// </summary>
    public static NiqeModel FitFolder(string folder, NiqeCalculator? calculator = null, string? description = null)
    {
        if (!Directory.Exists(folder))
            throw new IqaException($"folder not found: {folder}");
        var files = Directory.EnumerateFiles(folder)
            .Where(ImageDecoder.IsImageFile)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
            throw new IqaException($"no images in {folder} to fit a NIQE model to");
        return Fit(files.Select(ReadGray), calculator, description ?? $"NIQE model fitted to {files.Count} images in {folder}");
    }

    /// <summary>Fits a model to gray images (0..255 scale), each contributing its sharpest blocks.</summary>
    public static NiqeModel Fit(IEnumerable<Plane> grayImages, NiqeCalculator? calculator = null, string? description = null)
    {
        calculator ??= NiqeCalculator.Vectorized;
        var pooled = new List<double>();
        foreach (var gray in grayImages)
            AddSharpBlocks(calculator.ExtractFeatures(gray), pooled);
        const int dim = NiqeFeatures.PerBlock;
        int blocks = pooled.Count / dim;
        var rows = pooled.ToArray();
        int[] all = Enumerable.Range(0, dim).ToArray();
        int[] defined = FeatureStatistics.DefinedColumns(rows, dim);
        if (defined.Length < dim)
            throw new IqaException($"cannot fit a NIQE model: feature {all.Except(defined).First() + 1} is undefined in all {blocks} selected blocks (flat images?)");
        int complete = FeatureStatistics.CompleteRowCount(rows, dim, all);
        if (complete < 2)
            throw new IqaException($"cannot fit a NIQE model: {complete} of the {blocks} selected blocks have all 36 features; at least 2 are needed");
        var (mean, cov) = FeatureStatistics.MeanAndCovariance(rows, dim, all);
        return new NiqeModel(mean, cov, description);
    }

    /// <summary>
    /// <c>feat(sharpness > sh_th*max(sharpness(:)),:)</c>. A flat image has maximum sharpness 0 and gives no block.
    /// </summary>
    internal static void AddSharpBlocks(NiqeFeatures features, List<double> pooled)
    {
        double max = 0;
        for (int i = 0; i < features.BlockCount; i++)
            max = Math.Max(max, features.BlockSharpness(i));
        for (int i = 0; i < features.BlockCount; i++)
            if (features.BlockSharpness(i) > SharpnessThreshold * max)
                pooled.AddRange(features.Block(i));
    }

    private static Plane ReadGray(string path)
    {
        var image = ImageDecoder.Decode(path);
        return ColorConversion.ToPlanes(image, ColorMode.Gray, 255.0 / image.MaxValue, 0.0)[0];
    }
}
