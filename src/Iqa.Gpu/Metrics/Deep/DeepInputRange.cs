namespace Iqa.Gpu.Metrics.Deep;

/// <summary>The sample range a network expects for its RGB input; any further normalisation is inside the ONNX graph.</summary>
public enum DeepInputRange
{
    /// <summary>[-1, 1]: <c>x / 127.5 - 1</c> for 8-bit data, as <c>lpips.im2tensor</c> (PerceptualSimilarity) prepares it.</summary>
    MinusOneToOne,

    /// <summary>[0, 1]: <c>x / 255</c> for 8-bit data, as torchvision's <c>ToTensor</c> in DISTS_pytorch prepares it.</summary>
    ZeroToOne,
}
