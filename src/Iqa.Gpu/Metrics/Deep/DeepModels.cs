namespace Iqa.Gpu.Metrics.Deep;

/// <summary>The deep-feature metrics the engine knows: two bundled LPIPS variants and two that need a user-exported model.</summary>
public static class DeepModels
{
    // Minimum sizes follow PyTorch, which rejects a pooling window larger than its input (ONNX Runtime is laxer, or
    // crashes): AlexNet's conv1 (11x11, stride 4, pad 2) and two 3x3/2 max-pools need 31 pixels; SqueezeNet 1.1's
    // conv1 (3x3/2) and three ceil-mode 3x3/2 max-pools before fire6 need 25; VGG16's four 2x2/2 max-pools before
    // relu5_3 need 16; DISTS' L2 pooling (3x3, stride 2, pad 1) accepts any size.

    // Peak memory per pixel of one pair, measured with ONNX Runtime 1.31.1 on the CPU at 1920x1080 and 3840x2160
    // (docs/deep-metrics.md); unknown for user-exported models.

    /// <summary>LPIPS v0.1 with AlexNet, the official default (<c>lpips.LPIPS(net='alex')</c>).</summary>
    public static DeepModelDescriptor Lpips { get; } = new(
        "lpips", "AlexNet", "lpips/lpips_alex_v0.1.onnx", DeepInputRange.MinusOneToOne, "lpips",
        MinimumSize: 31, LowerIsBetter: true, PeakBytesPerPixel: 150, TileHalo: 128);

    /// <summary>LPIPS v0.1 with SqueezeNet 1.1 (<c>lpips.LPIPS(net='squeeze')</c>).</summary>
    public static DeepModelDescriptor LpipsSqueeze { get; } = new(
        "lpips-squeeze", "SqueezeNet 1.1", "lpips/lpips_squeeze_v0.1.onnx", DeepInputRange.MinusOneToOne, "lpips",
        MinimumSize: 25, LowerIsBetter: true, PeakBytesPerPixel: 450, TileHalo: 128);

    /// <summary>LPIPS v0.1 with VGG16 (<c>lpips.LPIPS(net='vgg')</c>); export recipe in docs/deep-metrics.md.</summary>
    public static DeepModelDescriptor LpipsVgg { get; } = new(
        "lpips-vgg", "VGG16", null, DeepInputRange.MinusOneToOne, "lpips",
        MinimumSize: 16, LowerIsBetter: true, PeakBytesPerPixel: null, TileHalo: 128);

    /// <summary>DISTS (dingkeyan93/DISTS, DISTS_pytorch); export recipe in docs/deep-metrics.md.</summary>
    public static DeepModelDescriptor Dists { get; } = new(
        "dists", "VGG16 with L2 pooling", null, DeepInputRange.ZeroToOne, "dists",
        MinimumSize: 1, LowerIsBetter: true, PeakBytesPerPixel: null, TileHalo: null);

    public static IReadOnlyList<DeepModelDescriptor> All { get; } = [Lpips, LpipsSqueeze, LpipsVgg, Dists];

    /// <exception cref="IqaException">No deep metric has that name.</exception>
    public static DeepModelDescriptor Find(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new IqaException($"unknown deep metric '{name}' (known: {string.Join(", ", All.Select(d => d.Name))})");
}
