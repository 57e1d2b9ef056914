using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics.Niqe;

namespace Iqa.Gpu.Tests.Niqe;

/// <summary>Image sizes and contents at the edges of what NIQE is defined for.</summary>
public class NiqeInputTests
{
    [Theory]
    [InlineData(95, 400)]
    [InlineData(400, 95)]
    [InlineData(10, 10)]
    public void Image_smaller_than_one_block_is_rejected_naming_the_minimum(int width, int height)
    {
        var gray = SyntheticImages.Texture(width, height, 1);
        var e = Assert.Throws<IqaException>(() => NiqeCalculator.Vectorized.Score(gray));
        Assert.Contains("96x96", e.Message);
        Assert.Contains($"{width}x{height}", e.Message);
        Assert.Throws<IqaException>(() => NiqeCalculator.Vectorized.ExtractFeatures(gray));
    }

    /// <summary>
    /// One block gives one feature vector, whose covariance is undefined. The reference CSV's 4.4684 for the
    /// 96×96 crop comes from numpy's cov reading a single row as one variable, which is meaningless (niqe_ref
    /// README), so scoring refuses; the features themselves exist (model fitting may use such an image).
    /// </summary>
    [Fact]
    public void Single_block_image_is_rejected_for_scoring()
    {
        var row = NiqeReferenceData.Get("niqe_ref/astronaut_ref_center_h96_w96.png");
        var gray = NiqeReferenceData.Gray(row.File);
        var e = Assert.Throws<IqaException>(() => NiqeCalculator.Vectorized.Score(gray));
        Assert.Contains("192x96 or 96x192", e.Message);
        Assert.Equal(1, NiqeCalculator.Vectorized.ExtractFeatures(gray).BlockCount);
    }

    [Fact]
    public void Two_blocks_are_enough()
    {
        double score = NiqeCalculator.Vectorized.Score(SyntheticImages.Texture(192, 96, 2));
        Assert.True(double.IsFinite(score) && score > 0);
    }

    /// <summary>
    /// A constant image has MSCN 0 everywhere, so every AGGD fit sees no sample on either side: MATLAB gives
    /// α = 0.2 (min over an all-NaN vector returns index 1) and NaN for everything else, and its score is NaN.
    /// Here the all-NaN features drop out (NiqeDistance) and the score is the distance of the ten α = 0.2
    /// features from the model: 9.0095 for the release model, finite, and the same for every gray level.
    /// </summary>
    [Theory]
    [InlineData(0f)]
    [InlineData(128f)]
    [InlineData(255f)]
    public void Constant_image_has_a_defined_score(float level)
    {
        var gray = SyntheticImages.Constant(300, 200, level);
        double vectorized = NiqeCalculator.Vectorized.Score(gray), scalar = NiqeCalculator.Scalar.Score(gray);
        Assert.True(double.IsFinite(vectorized));
        Assert.Equal(vectorized, scalar);
        Assert.Equal(NiqeCalculator.Vectorized.Score(SyntheticImages.Constant(300, 200, 17f)), vectorized);
        Assert.Equal(9.00949250357344, vectorized, 1e-9 * vectorized);
        var features = NiqeCalculator.Vectorized.ExtractFeatures(gray);
        for (int b = 0; b < features.BlockCount; b++)
            Assert.Equal(0.2, features.Block(b)[0]);
    }

    /// <summary>A few isolated bumps on a constant image: most blocks have NaN features, some are complete.</summary>
    [Fact]
    public void Near_constant_images_have_finite_scores()
    {
        var sparse = SyntheticImages.Constant(480, 288, 100f);
        var rng = new Random(4);
        for (int i = 0; i < 30; i++)
            sparse.Data[rng.Next(sparse.Data.Length)] = 101f;
        var oneBlock = SyntheticImages.Constant(480, 288, 100f);
        for (int i = 0; i < 96; i++)
            oneBlock.Data[(10 + i) * 480 + 10 + i] = 140f;
        foreach (var gray in new[] { sparse, oneBlock })
        {
            double vectorized = NiqeCalculator.Vectorized.Score(gray), scalar = NiqeCalculator.Scalar.Score(gray);
            Assert.True(double.IsFinite(vectorized), $"score {vectorized}");
            Assert.Equal(scalar, vectorized, scalar * 1e-12);
        }
    }

    [Fact]
    public void Crop_keeps_the_top_left_whole_blocks()
    {
        var big = SyntheticImages.Texture(300, 250, 9);
        var cropped = new Plane(288, 192);
        for (int y = 0; y < 192; y++)
            big.Row(y)[..288].CopyTo(cropped.Row(y));
        Assert.Equal(NiqeCalculator.Vectorized.Score(cropped), NiqeCalculator.Vectorized.Score(big));
    }
}
