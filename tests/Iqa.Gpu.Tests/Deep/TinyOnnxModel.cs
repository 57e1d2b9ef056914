using System.Text;

namespace Iqa.Gpu.Tests.Deep;

/// <summary>
/// Writes small ONNX models (protobuf ModelProto, onnx.proto field numbers) for testing the model plumbing without
/// the onnx Python package. The graph is the mean squared difference of its two inputs, shaped like LPIPS (a spatial
/// mean of a one-channel map): <c>ReduceMean(ReduceMean((in0 - in1)^2, axes = [1]), axes = [2, 3])</c>, with the
/// names, types and shapes a test asks for.
/// </summary>
internal sealed record TinyOnnxModel
{
    public const int Float = 1, Double = 11; // TensorProto.DataType

    public string Input0 { get; init; } = "in0";
    public string Input1 { get; init; } = "in1";
    public int InputType { get; init; } = Float;

    /// <summary>Input shape: a number is a fixed dimension, a string a symbolic one.</summary>
    public object[] InputShape { get; init; } = ["N", 3, "H", "W"];

    public string Output { get; init; } = "score";

    /// <summary>True: output [N, 1, 1, 1]; false: output [N].</summary>
    public bool KeepDims { get; init; } = true;

    public string WriteTo(string directory)
    {
        string path = Path.Combine(directory, $"tiny-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, Encode());
        return path;
    }

    public byte[] Encode()
    {
        var graph = new Proto()
            .Message(1, Node("Sub", [Input0, Input1], "diff"))
            .Message(1, Node("Mul", ["diff", "diff"], "squared"))
            .Message(1, ReduceMean("squared", "map", [1], keepDims: true))
            .Message(1, ReduceMean("map", Output, KeepDims ? [2, 3] : [1, 2, 3], KeepDims))
            .String(2, "tiny")
            .Message(11, ValueInfo(Input0, InputType, InputShape))
            .Message(11, ValueInfo(Input1, InputType, InputShape))
            .Message(12, ValueInfo(Output, InputType, KeepDims ? ["N", 1, 1, 1] : ["N"]));
        return new Proto()
            .Varint(1, 7) // ir_version
            .Message(8, new Proto().String(1, "").Varint(2, 13)) // opset_import: default domain, opset 13
            .Message(7, graph)
            .ToArray();
    }

    private static Proto Node(string op, string[] inputs, string output)
    {
        var node = new Proto();
        foreach (string input in inputs)
            node.String(1, input);
        return node.String(2, output).String(3, op + "_" + output).String(4, op);
    }

    private static Proto ReduceMean(string input, string output, int[] axes, bool keepDims)
    {
        var axesAttribute = new Proto().String(1, "axes").Varint(20, 7); // AttributeProto.type INTS
        foreach (int axis in axes)
            axesAttribute.Varint(8, axis);
        return Node("ReduceMean", [input], output)
            .Message(5, axesAttribute)
            .Message(5, new Proto().String(1, "keepdims").Varint(20, 2).Varint(3, keepDims ? 1 : 0)); // INT
    }

    private static Proto ValueInfo(string name, int elementType, object[] shape)
    {
        var dims = new Proto();
        foreach (object dim in shape)
            dims.Message(1, dim is string symbol ? new Proto().String(2, symbol) : new Proto().Varint(1, (int)dim));
        var tensor = new Proto().Varint(1, elementType).Message(2, dims);
        return new Proto().String(1, name).Message(2, new Proto().Message(1, tensor));
    }

    /// <summary>The three protobuf wire forms the model needs: varint, length-delimited string and nested message.</summary>
    private sealed class Proto
    {
        private readonly MemoryStream _bytes = new();

        public Proto Varint(int field, long value)
        {
            Tag(field, 0);
            Raw((ulong)value);
            return this;
        }

        public Proto String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public Proto Message(int field, Proto message) => Bytes(field, message.ToArray());

        public byte[] ToArray() => _bytes.ToArray();

        private Proto Bytes(int field, byte[] value)
        {
            Tag(field, 2);
            Raw((ulong)value.Length);
            _bytes.Write(value);
            return this;
        }

        private void Tag(int field, int wireType) => Raw((ulong)(field << 3 | wireType));

        private void Raw(ulong value)
        {
            for (; value >= 0x80; value >>= 7)
                _bytes.WriteByte((byte)(value | 0x80));
            _bytes.WriteByte((byte)value);
        }
    }
}
