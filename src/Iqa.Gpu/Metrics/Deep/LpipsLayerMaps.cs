using System.Text;

namespace Iqa.Gpu.Metrics.Deep;

/// <summary>
/// Rewrites an LPIPS ONNX model so that it also outputs each layer's spatial distance map, the tensors the official
/// <c>LPIPS.forward</c> averages with <c>spatial_average(self.lins[kk](diffs[kk]))</c> and sums over layers.
/// Tiled scoring needs those maps: the score of a large image is the sum over layers of each map's mean, and each
/// map can be assembled from tiles. The score output is found by walking back from it through Sum/Add nodes to
/// ReduceMean nodes; their inputs are the maps. Only the protobuf fields involved are read (onnx.proto numbering):
/// ModelProto.graph = 7, GraphProto.node = 1 and .output = 12, NodeProto.input = 1, .output = 2, .op_type = 4.
/// </summary>
internal static class LpipsLayerMaps
{
    public static (byte[] Model, string[] Maps) Expose(byte[] model, string scoreOutput)
    {
        var top = Fields(model);
        var graphField = top.SingleOrDefault(f => f.Number == 7);
        if (graphField.Length == 0)
            throw new FormatException("no graph in model");
        var producers = new Dictionary<string, (string Op, List<string> Inputs)>();
        foreach (var field in Fields(model.AsSpan(graphField.Offset, graphField.Length)).Where(f => f.Number == 1))
        {
            byte[] node = model.AsSpan(graphField.Offset + field.Offset, field.Length).ToArray();
            var nodeFields = Fields(node);
            string op = nodeFields.Where(f => f.Number == 4).Select(f => Text(node, f)).SingleOrDefault() ?? "";
            var inputs = nodeFields.Where(f => f.Number == 1).Select(f => Text(node, f)).ToList();
            foreach (var output in nodeFields.Where(f => f.Number == 2))
                producers[Text(node, output)] = (op, inputs);
        }
        var maps = new List<string>();
        Collect(scoreOutput, producers, maps);

        var extraOutputs = new MemoryStream();
        foreach (string map in maps)
            WriteBytes(extraOutputs, 12, ValueInfo(map));
        var graph = new MemoryStream();
        graph.Write(model.AsSpan(graphField.Offset, graphField.Length));
        graph.Write(extraOutputs.ToArray()); // repeated fields may be appended: parsers merge them
        var rewritten = new MemoryStream();
        foreach (var field in top)
            if (field.Number == 7)
                WriteBytes(rewritten, 7, graph.ToArray());
            else
                rewritten.Write(model.AsSpan(field.Start, field.Offset + field.Length - field.Start));
        return (rewritten.ToArray(), maps.ToArray());
    }

    private static void Collect(string tensor, Dictionary<string, (string Op, List<string> Inputs)> producers, List<string> maps)
    {
        if (!producers.TryGetValue(tensor, out var node))
            throw new FormatException($"'{tensor}' is not computed by a node");
        switch (node.Op)
        {
            case "Sum" or "Add":
                foreach (string input in node.Inputs)
                    Collect(input, producers, maps);
                break;
            case "ReduceMean":
                maps.Add(node.Inputs[0]);
                break;
            default:
                throw new FormatException($"'{tensor}' comes from {node.Op}, not from a sum of spatial means");
        }
    }

    /// <summary>ValueInfoProto { name = 1, type = 2 { tensor_type = 1 { elem_type = 1: FLOAT } } }; the shape is left to inference.</summary>
    private static byte[] ValueInfo(string name)
    {
        var tensorType = new MemoryStream();
        WriteVarint(tensorType, 1 << 3);
        WriteVarint(tensorType, 1);
        var type = new MemoryStream();
        WriteBytes(type, 1, tensorType.ToArray());
        var info = new MemoryStream();
        WriteBytes(info, 1, Encoding.UTF8.GetBytes(name));
        WriteBytes(info, 2, type.ToArray());
        return info.ToArray();
    }

    /// <summary>A field of a protobuf message: where its tag starts, and where its payload lies (length-delimited only).</summary>
    private readonly record struct Field(int Number, int Start, int Offset, int Length);

    private static List<Field> Fields(ReadOnlySpan<byte> message)
    {
        var fields = new List<Field>();
        int i = 0;
        while (i < message.Length)
        {
            int start = i;
            ulong tag = ReadVarint(message, ref i);
            int number = (int)(tag >> 3), offset = i, length = 0;
            switch (tag & 7)
            {
                case 0: ReadVarint(message, ref i); break;
                case 1: i += 8; break;
                case 5: i += 4; break;
                case 2:
                    length = checked((int)ReadVarint(message, ref i));
                    offset = i;
                    i += length;
                    break;
                default: throw new FormatException($"unsupported protobuf wire type {tag & 7}");
            }
            if (i > message.Length)
                throw new FormatException("truncated protobuf message");
            fields.Add(new Field(number, start, offset, tag % 8 == 2 ? length : i - offset));
        }
        return fields;
    }

    private static string Text(byte[] message, Field field) => Encoding.UTF8.GetString(message, field.Offset, field.Length);

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int i)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (i >= bytes.Length || shift > 63)
                throw new FormatException("bad protobuf varint");
            byte b = bytes[i++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
                return value;
        }
    }

    private static void WriteBytes(Stream stream, int number, byte[] payload)
    {
        WriteVarint(stream, (ulong)(number << 3 | 2));
        WriteVarint(stream, (ulong)payload.Length);
        stream.Write(payload);
    }

    private static void WriteVarint(Stream stream, ulong value)
    {
        for (; value >= 0x80; value >>= 7)
            stream.WriteByte((byte)(value | 0x80));
        stream.WriteByte((byte)value);
    }
}
