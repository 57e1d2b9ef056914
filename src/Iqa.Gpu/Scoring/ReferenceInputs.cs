using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics;

namespace Iqa.Gpu.Scoring;

/// <summary>
/// The prepared inputs of references, by decoded image: items that share a reference (a dataset's distortions of one
/// source, which the batch's reference cache decodes once, or the frames of one reference in a bench) share its
/// colour conversion and upload too. Within a group of items every reference stays; after it, the most recent one is
/// kept for the next group and the others are released.
/// </summary>
internal sealed class ReferenceInputs(Func<string, DecodedImage, MetricInput> prepare) : IDisposable
{
    private readonly List<(DecodedImage Image, MetricInput Input)> _inputs = [];

    public MetricInput Get(string label, DecodedImage image)
    {
        int at = _inputs.FindIndex(e => ReferenceEquals(e.Image, image));
        if (at >= 0)
        {
            var found = _inputs[at];
            _inputs.RemoveAt(at);
            _inputs.Add(found); // most recent last
            return found.Input;
        }
        var input = prepare(label, image);
        _inputs.Add((image, input));
        return input;
    }

    /// <summary>Releases every reference but the most recently used.</summary>
    public void EndGroup()
    {
        for (int i = 0; i < _inputs.Count - 1; i++)
            _inputs[i].Input.Dispose();
        if (_inputs.Count > 1)
            _inputs.RemoveRange(0, _inputs.Count - 1);
    }

    public void Dispose()
    {
        foreach (var (_, input) in _inputs)
            input.Dispose();
        _inputs.Clear();
    }
}
