using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics.Niqe;
using NetVips;

namespace Iqa.Gpu.Tests.Niqe;

public sealed class NiqeModelFitterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static IEnumerable<Plane> Pristine() => Enumerable.Range(10, 4).Select(seed => SyntheticImages.Texture(384, 288, seed));

    /// <summary>
    /// If every block passes the sharpness threshold, the fitted model is the image's own nanmean and nancov,
    /// so the distance of that image to it is exactly 0: it checks the pooling, the selection and the
    /// distance against each other.
    /// </summary>
    [Fact]
    public void Image_scored_against_a_model_of_itself_is_at_distance_zero()
    {
        var gray = SyntheticImages.Texture(384, 288, 20);
        var features = NiqeCalculator.Vectorized.ExtractFeatures(gray);
        var kept = new List<double>();
        NiqeModelFitter.AddSharpBlocks(features, kept);
        Assert.Equal(features.BlockCount * NiqeFeatures.PerBlock, kept.Count);
        var model = NiqeModelFitter.Fit([gray], NiqeCalculator.Vectorized);
        Assert.Equal(0, NiqeCalculator.Vectorized.Score(gray, model), 1e-12);
        Assert.True(NiqeCalculator.Vectorized.Score(gray) > 1);
    }

    /// <summary>Blocks at or below 0.75 × the sharpest block of their image are left out, as in estimatemodelparam.m.</summary>
    [Fact]
    public void Only_blocks_sharper_than_three_quarters_of_the_maximum_are_pooled()
    {
        // Left half textured, right half a faint copy: the faint blocks' σ is about a fifth.
        var gray = SyntheticImages.Texture(384, 192, 21);
        for (int y = 0; y < 192; y++)
            for (int x = 192; x < 384; x++)
                gray.Data[y * 384 + x] = MathF.Round(100 + (gray.Data[y * 384 + x] - 128) / 5);
        var features = NiqeCalculator.Vectorized.ExtractFeatures(gray);
        double max = Enumerable.Range(0, features.BlockCount).Max(features.BlockSharpness);
        var kept = new List<double>();
        NiqeModelFitter.AddSharpBlocks(features, kept);
        int expected = Enumerable.Range(0, features.BlockCount).Count(b => features.BlockSharpness(b) > 0.75 * max);
        Assert.Equal(expected * NiqeFeatures.PerBlock, kept.Count);
        Assert.Equal(4, expected);
        Assert.Equal(features.Block(0).ToArray(), kept.Take(NiqeFeatures.PerBlock));
    }

    [Fact]
    public void Folder_fit_round_trips_through_JSON_and_ranks_a_blurred_image_worse()
    {
        int i = 0;
        foreach (var gray in Pristine())
            WritePng(gray, _dir.File($"pristine{i++}.png"));
        var model = NiqeModelFitter.FitFolder(_dir.Path, NiqeCalculator.Vectorized);
        Assert.Equal(model.Mean, NiqeModelFitter.Fit(Pristine(), NiqeCalculator.Vectorized).Mean);

        string path = _dir.File("fitted.json");
        model.Save(path);
        var loaded = NiqeModel.Load(path);

        var fresh = SyntheticImages.Texture(384, 288, 99);
        double freshScore = NiqeCalculator.Vectorized.Score(fresh, loaded);
        double blurredScore = NiqeCalculator.Vectorized.Score(SyntheticImages.Blur(fresh), loaded);
        Assert.Equal(NiqeCalculator.Vectorized.Score(fresh, model), freshScore);
        Assert.True(blurredScore > 2 * freshScore, $"fresh {freshScore}, blurred {blurredScore}");
    }

    [Fact]
    public void Fitting_flat_images_is_an_IqaException()
    {
        var e = Assert.Throws<IqaException>(() =>
            NiqeModelFitter.Fit([SyntheticImages.Constant(192, 192, 50f)], NiqeCalculator.Vectorized));
        Assert.Contains("cannot fit a NIQE model", e.Message);
    }

    [Fact]
    public void Empty_folder_is_an_IqaException() =>
        Assert.Throws<IqaException>(() => NiqeModelFitter.FitFolder(_dir.Path, NiqeCalculator.Vectorized));

    private static void WritePng(Plane gray, string path)
    {
        var bytes = gray.Data.Select(v => (byte)v).ToArray();
        using var image = Image.NewFromMemory(bytes, gray.Width, gray.Height, 1, Enums.BandFormat.Uchar);
        image.WriteToFile(path);
    }
}
