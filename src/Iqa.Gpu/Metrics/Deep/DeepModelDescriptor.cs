namespace Iqa.Gpu.Metrics.Deep;

/// <summary>
/// What the engine knows about one deep-feature metric: how to find its ONNX model, what the model's
/// interface is (inputs <see cref="ReferenceInput"/> / <see cref="DistortedInput"/> as float32 [N, 3, H, W],
/// one float32 output with N elements) and how to read the score.
/// </summary>
/// <param name="Name">Metric name as the CLI and the registry spell it.</param>
/// <param name="Network">The backbone, for listings.</param>
/// <param name="BundledFile">File under <c>models/</c> in the build output, or null when the user supplies the model (--model PATH).</param>
/// <param name="InputRange">Sample range of the inputs.</param>
/// <param name="OutputName">Name of the score output.</param>
/// <param name="MinimumSize">Smallest width and height the network accepts (its pooling chain must leave at least one position).</param>
/// <param name="LowerIsBetter">True for distances: LPIPS, and DISTS (reported as 1 - similarity, 0 for identical images).</param>
/// <param name="PeakBytesPerPixel">Measured peak memory of one pair per pixel of one image, or null when unknown.</param>
/// <param name="TileHalo">Pixels of context each tile needs around the part it scores, or null when the score cannot
/// be assembled from tiles (DISTS compares global statistics). See docs/deep-metrics.md.</param>
public sealed record DeepModelDescriptor(
    string Name,
    string Network,
    string? BundledFile,
    DeepInputRange InputRange,
    string OutputName,
    int MinimumSize,
    bool LowerIsBetter,
    int? PeakBytesPerPixel,
    int? TileHalo)
{
    public const string ReferenceInput = "in0";
    public const string DistortedInput = "in1";

    public bool IsBundled => BundledFile != null;

    /// <summary>Where the bundled model lies in the build output, or null when the user supplies it.</summary>
    public string? BundledPath => BundledFile is null ? null : Path.Combine(AppContext.BaseDirectory, "models", BundledFile);
}
