using Iqa.Gpu.Metrics.Deep;

namespace Iqa.Gpu.Tests.Deep;

/// <summary>The input tensors handed to ONNX Runtime are views of the engine's buffers, not copies.</summary>
public class PinnedTensorTests
{
    [Fact]
    public void OrtValue_SeesWritesToTheBuffer()
    {
        using var tensor = new PinnedTensor();
        tensor.SetShape(2, 3, 4, 5);
        tensor.Data[0] = 1.5f;
        tensor.Data[^1] = -2.5f;
        ReadOnlySpan<float> seen = tensor.Value.GetTensorDataAsSpan<float>();
        Assert.Equal(120, seen.Length);
        Assert.Equal(1.5f, seen[0]);
        Assert.Equal(-2.5f, seen[^1]);
        tensor.Data[7] = 3f; // written after the OrtValue was made
        Assert.Equal(3f, tensor.Value.GetTensorDataAsSpan<float>()[7]);
    }

    [Fact]
    public void SameShape_KeepsTheOrtValue_SmallerShape_KeepsTheStorage()
    {
        using var tensor = new PinnedTensor();
        tensor.SetShape(1, 3, 8, 8);
        var value = tensor.Value;
        tensor.SetShape(1, 3, 8, 8);
        Assert.Same(value, tensor.Value);
        tensor.Data[0] = 42f;
        tensor.SetShape(1, 3, 4, 4);
        Assert.Equal(48, tensor.Data.Length);
        Assert.Equal(42f, tensor.Data[0]); // same array, now viewed as a smaller tensor
        Assert.Equal([1L, 3, 4, 4], tensor.Value.GetTensorTypeAndShape().Shape);
    }
}
