using Microsoft.ML.OnnxRuntime;

namespace Iqa.Gpu.Metrics.Deep;

/// <summary>
/// A float32 tensor whose storage is a pinned managed array that the engine writes into and ONNX Runtime reads in
/// place (<see cref="OrtValue.CreateTensorValueFromMemory{T}(OrtMemoryInfo, Memory{T}, long[])"/>). The array only
/// grows, so calls of the same or a smaller shape reuse it; the OrtValue is rebuilt only when the shape changes.
/// </summary>
internal sealed class PinnedTensor : IDisposable
{
    private float[] _storage = [];
    private long[] _shape = [];
    private OrtValue? _value;

    public OrtValue Value => _value ?? throw new InvalidOperationException("shape not set");

    public Span<float> Data => _storage.AsSpan(0, checked((int)Elements(_shape)));

    public void SetShape(params long[] shape)
    {
        if (_value != null && shape.AsSpan().SequenceEqual(_shape))
            return;
        _value?.Dispose();
        _value = null;
        long elements = Elements(shape);
        if (elements > Array.MaxLength)
            throw new IqaException($"a tensor of shape [{string.Join(", ", shape)}] exceeds {Array.MaxLength} elements; score fewer or smaller images per call");
        if (_storage.Length < elements)
        {
            _storage = []; // let the old array go before the larger one is allocated
            // Pinned object heap: the GC never moves it, so pinning it for ONNX Runtime costs nothing.
            _storage = GC.AllocateUninitializedArray<float>((int)elements, pinned: true);
        }
        _shape = shape;
        _value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _storage.AsMemory(0, (int)elements), shape);
    }

    private static long Elements(long[] shape) => shape.Length == 0 ? 0 : shape.Aggregate(1L, (a, d) => a * d);

    public void Dispose()
    {
        _value?.Dispose();
        _value = null;
        _storage = [];
        _shape = [];
    }
}
