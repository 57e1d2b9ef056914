namespace Iqa.Gpu.Metrics.Deep;

/// <summary>The deep-feature metrics the engine knows: two bundled LPIPS variants and two that need a user-exported model.</summary>
public static class DeepModels
{
    /// <summary>LPIPS v0.1 with AlexNet, the official default (<c>lpips.LPIPS(net='alex')</c>).</summary>
    public static DeepModelDescriptor Lpips { get; } = new(
        "lpips", "AlexNet", "lpips/lpips_alex_v0.1.onnx", DeepInputRange.MinusOneToOne, "lpips",
        MinimumSize: 31, LowerIsBetter: true, IsSpatialMean: true);

    /// <summary>LPIPS v0.1 with SqueezeNet 1.1 (<c>lpips.LPIPS(net='squeeze')</c>).</summary>
    public static DeepModelDescriptor LpipsSqueeze { get; } = new(
        "lpips-squeeze", "SqueezeNet 1.1", "lpips/lpips_squeeze_v0.1.onnx", DeepInputRange.MinusOneToOne, "lpips",
        MinimumSize: 0, LowerIsBetter: true, IsSpatialMean: true);

    /// <summary>LPIPS v0.1 with VGG16 (<c>lpips.LPIPS(net='vgg')</c>); export recipe in docs/deep-metrics.md.</summary>
    public static DeepModelDescriptor LpipsVgg { get; } = new(
        "lpips-vgg", "VGG16", null, DeepInputRange.MinusOneToOne, "lpips",
        MinimumSize: 16, LowerIsBetter: true, IsSpatialMean: true);

    /// <summary>DISTS (dingkeyan93/DISTS, DISTS_pytorch); export recipe in docs/deep-metrics.md.</summary>
    public static DeepModelDescriptor Dists { get; } = new(
        "dists", "VGG16 with L2 pooling", null, DeepInputRange.ZeroToOne, "dists",
        MinimumSize: 1, LowerIsBetter: true, IsSpatialMean: false);

    public static IReadOnlyList<DeepModelDescriptor> All { get; } = [Lpips, LpipsSqueeze, LpipsVgg, Dists];

    /// <exception cref="IqaException">No deep metric has that name.</exception>
    public static DeepModelDescriptor Find(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new IqaException($"unknown deep metric '{name}' (known: {string.Join(", ", All.Select(d => d.Name))})");
}
