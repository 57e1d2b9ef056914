using Iqa.Gpu.Devices;
using Iqa.Gpu.Devices.Ilgpu;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics.Deep;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Iqa.Gpu.Tests.Deep;

/// <summary>
/// The GPU build's hand-off to ONNX Runtime: the NCHW batch made in device memory by the planar-input kernel (run here
/// on ILGPU's CPU accelerator) equals the host's preparation bit for bit, and it is bound as a CUDA tensor at the
/// device address. The CUDA provider itself can't run here (docs/deep-metrics.md).
/// </summary>
public sealed class DeviceInputTests
{
    public static TheoryData<int, int> Layouts => new() { { 3, 8 }, { 4, 8 }, { 1, 16 }, { 2, 10 } };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void The_device_batch_equals_the_host_preparation(int bands, int bitDepth)
    {
        using var device = (IlgpuDevice)DeviceFactory.Create("ilgpu-cpu");
        var images = new[] { Image(23, 17, bands, bitDepth, seed: 1), Image(23, 17, bands, bitDepth, seed: 2) };
        foreach (var range in new[] { DeepInputRange.MinusOneToOne, DeepInputRange.ZeroToOne })
        {
            using var input = new DeviceInput(device);
            input.Prepare(images, range);
            var expected = new float[2 * 3 * 23 * 17];
            for (int i = 0; i < 2; i++)
                PlanarInput.Write(images[i], range, expected.AsSpan(i * 3 * 23 * 17, 3 * 23 * 17));
            Assert.Equal(expected, input.Download());
            Assert.Equal(expected.Length * sizeof(float), input.ByteCount);
        }
    }

    [Fact]
    public void The_batch_is_bound_as_a_cuda_tensor_at_the_device_address()
    {
        using var device = (IlgpuDevice)DeviceFactory.Create("ilgpu-cpu");
        using var input = new DeviceInput(device);
        input.Prepare([Image(8, 6, 3, 8, seed: 3)], DeepInputRange.MinusOneToOne);
        using var memory = OnnxModelSession.CudaMemory(cudaDevice: 1);
        Assert.Equal("Cuda", memory.Name);
        Assert.Equal(1, memory.Id);
        Assert.Equal(OrtAllocatorType.DeviceAllocator, memory.GetAllocatorType());
        using var tensor = OrtValue.CreateTensorValueWithData(memory, TensorElementType.Float, [1, 3, 6, 8], input.Pointer, input.ByteCount);
        var info = tensor.GetTensorTypeAndShape();
        Assert.Equal([1L, 3, 6, 8], info.Shape);
        Assert.Equal(TensorElementType.Float, info.ElementDataType);
    }

    private static DecodedImage Image(int w, int h, int bands, int bitDepth, int seed)
    {
        var rng = new Random(seed);
        if (bitDepth == 8)
        {
            var bytes = new byte[w * h * bands];
            rng.NextBytes(bytes);
            return new DecodedImage(w, h, bands, bytes);
        }
        var words = new ushort[w * h * bands];
        for (int i = 0; i < words.Length; i++)
            words[i] = (ushort)rng.Next(1 << bitDepth);
        return new DecodedImage(w, h, bands, words, bitDepth);
    }
}
