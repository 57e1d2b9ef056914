using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Iqa.Gpu.Metrics.Deep;

/// <summary>
/// One ONNX Runtime session for one model file, created once and reused for every call. The model's interface is
/// checked against its <see cref="DeepModelDescriptor"/> when it is opened, so a wrong export fails with a message
/// that names what was expected instead of an ONNX Runtime error at the first image.
/// </summary>
internal sealed class OnnxModelSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _runOptions = new() { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
    private readonly int[] _inputDims;

    private OnnxModelSession(DeepModelDescriptor model, string path, InferenceSession session)
    {
        Model = model;
        Path = path;
        _session = session;
        _inputDims = ValidateInputs();
        OutputRank = ValidateOutput();
        _binding = session.CreateIoBinding();
    }

    /// <summary>Where inference runs, as outputs record it.</summary>
#if IQA_ONNX_CUDA
    public const string ExecutionProvider = "onnxruntime-cuda";
#else
    public const string ExecutionProvider = "onnxruntime-cpu";
#endif

    public DeepModelDescriptor Model { get; }
    public string Path { get; }

    /// <summary>Rank of the score output: 1 for [N], up to 4 for [N, 1, 1, 1].</summary>
    public int OutputRank { get; }

    /// <param name="cudaDevice">The CUDA device of the GPU build's execution provider (its ordinal); ignored by the CPU build.</param>
    public static OnnxModelSession Open(DeepModelDescriptor model, string path, int intraOpThreads, int cudaDevice = 0)
    {
        if (!File.Exists(path))
            throw new IqaException(path == model.BundledPath
                ? $"{path}: bundled {model.Name} model is missing from the installation"
                : $"{path}: {model.Name} model file not found (export it as described in docs/deep-metrics.md)");
        using var options = OpenRuntime(model, intraOpThreads, cudaDevice);
        InferenceSession session;
        try
        {
            session = new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new IqaException($"{path}: cannot load ONNX model for {model.Name} ({FirstLine(e.Message)})", e);
        }
        try
        {
            return new OnnxModelSession(model, path, session);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The session options, the first call into ONNX Runtime's native library. An installation without that
    /// library (the GPU check package leaves it out, docs/gpu-package.md) or, in the GPU build, without the CUDA
    /// libraries its provider links fails here: one message, not an internal error.
    /// </summary>
    private static SessionOptions OpenRuntime(DeepModelDescriptor model, int intraOpThreads, int cudaDevice)
    {
        try
        {
            return CreateOptions(intraOpThreads, cudaDevice);
        }
        catch (TypeInitializationException e) when (e.InnerException is DllNotFoundException)
        {
            throw new IqaException($"{model.Name} needs ONNX Runtime's native library (libonnxruntime), which this installation lacks", e);
        }
        catch (OnnxRuntimeException e)
        {
            throw new IqaException($"{model.Name}: ONNX Runtime can't start ({FirstLine(e.Message)})", e);
        }
    }

    internal static SessionOptions CreateOptions(int intraOpThreads, int cudaDevice = 0)
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            // Failures reach the user once, as an IqaException; ONNX Runtime would also log them to stderr.
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL,
        };
#if IQA_ONNX_CUDA
        // GPU build only (-p:IqaOnnxCuda=true): CUDA first, CPU for any operator CUDA lacks. On a CUDA device the
        // inputs are bound in device memory (RunOnDevice); from host memory ONNX Runtime copies them at bind time.
        options.AppendExecutionProvider_CUDA(cudaDevice);
#else
        _ = cudaDevice;
#endif
        return options;
    }

    /// <exception cref="IqaException">The model has fixed dimensions that this batch does not match.</exception>
    public void CheckShape(int batch, int height, int width)
    {
        long[] wanted = [batch, 3, height, width];
        for (int i = 0; i < 4; i++)
            if (_inputDims[i] >= 0 && _inputDims[i] != wanted[i])
                throw new IqaException(
                    $"{Path}: the {Model.Name} model takes inputs of shape {FormatDims(_inputDims)}, "
                    + $"not {FormatDims(wanted.Select(d => (int)d).ToArray())}; export it with dynamic N, H and W");
    }

    /// <summary>
    /// Runs the graph on [N, 3, H, W] inputs already in CUDA device memory (ILGPU buffers, <see cref="DeviceInput"/>):
    /// bound as CUDA tensors without a host copy; ONNX Runtime writes the N scores into <paramref name="scores"/> on the host.
    /// </summary>
    public void RunOnDevice(DeviceInput reference, DeviceInput distorted, long[] shape, int cudaDevice, OrtValue scores)
    {
        using var memory = CudaMemory(cudaDevice);
        using var x = OrtValue.CreateTensorValueWithData(memory, TensorElementType.Float, shape, reference.Pointer, reference.ByteCount);
        using var y = OrtValue.CreateTensorValueWithData(memory, TensorElementType.Float, shape, distorted.Pointer, distorted.ByteCount);
        Run(x, y, scores);
    }

    /// <summary>Where ONNX Runtime's CUDA provider keeps tensors on device <paramref name="cudaDevice"/> (the ILGPU device's index).</summary>
    internal static OrtMemoryInfo CudaMemory(int cudaDevice) =>
        new(OrtMemoryInfo.allocatorCUDA, OrtAllocatorType.DeviceAllocator, cudaDevice, OrtMemType.Default);

    /// <summary>Runs the graph on tensors that wrap the caller's buffers: no copy on the CPU execution provider.</summary>
    public void Run(OrtValue reference, OrtValue distorted, OrtValue scores)
    {
        // Bound again on every run: a non-CPU execution provider copies host inputs at bind time, not at run time.
        _binding.BindInput(DeepModelDescriptor.ReferenceInput, reference);
        _binding.BindInput(DeepModelDescriptor.DistortedInput, distorted);
        _binding.BindOutput(Model.OutputName, scores);
        try
        {
            _session.RunWithBinding(_runOptions, _binding);
        }
        catch (OnnxRuntimeException e)
        {
            throw new IqaException($"{Path}: {Model.Name} inference failed ({FirstLine(e.Message)})", e);
        }
    }

    private int[] ValidateInputs()
    {
        var inputs = _session.InputMetadata;
        int[]? dims = null;
        bool ok = inputs.Count == 2;
        foreach (string name in new[] { DeepModelDescriptor.ReferenceInput, DeepModelDescriptor.DistortedInput })
        {
            ok &= inputs.TryGetValue(name, out var meta) && IsFloatTensor(meta!) && meta!.Dimensions.Length == 4
                  && meta.Dimensions[1] is 3 or -1;
            if (ok)
                dims ??= meta!.Dimensions;
        }
        if (!ok)
            throw new IqaException(
                $"{Path}: a {Model.Name} model needs exactly two float32 inputs '{DeepModelDescriptor.ReferenceInput}' and "
                + $"'{DeepModelDescriptor.DistortedInput}' of shape [N, 3, H, W]; this one has {Describe(inputs)}");
        return dims!;
    }

    private int ValidateOutput()
    {
        var outputs = _session.OutputMetadata;
        if (!outputs.TryGetValue(Model.OutputName, out var meta) || !IsFloatTensor(meta)
            || meta.Dimensions.Length is < 1 or > 4 || meta.Dimensions.Skip(1).Any(d => d is not (1 or -1)))
            throw new IqaException(
                $"{Path}: a {Model.Name} model needs a float32 output '{Model.OutputName}' with one value per image pair "
                + $"([N] to [N, 1, 1, 1]); this one has {Describe(outputs)}");
        return meta.Dimensions.Length;
    }

    private static bool IsFloatTensor(NodeMetadata meta) =>
        meta.IsTensor && meta.ElementDataType == TensorElementType.Float;

    private static string Describe(IReadOnlyDictionary<string, NodeMetadata> nodes) =>
        nodes.Count == 0
            ? "none"
            : string.Join(", ", nodes.Select(n => $"'{n.Key}' "
                + (n.Value.IsTensor ? $"{n.Value.ElementDataType.ToString().ToLowerInvariant()} {FormatDims(n.Value.Dimensions, n.Value.SymbolicDimensions)}" : n.Value.OnnxValueType.ToString())));

    private static string FormatDims(int[] dims, string[]? symbols = null) =>
        "[" + string.Join(", ", dims.Select((d, i) => d >= 0 ? d.ToString() : symbols?[i] is { Length: > 0 } s ? s : "?")) + "]";

    internal static string FirstLine(string message) =>
        message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "unknown error";

    public void Dispose()
    {
        _binding.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
