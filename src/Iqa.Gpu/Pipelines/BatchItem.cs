namespace Iqa.Gpu.Pipelines;

/// <summary>One unit of a batch: a reference/distorted pair, or one image (<see cref="Reference"/> null) for no-reference metrics.</summary>
public sealed record BatchItem(string? Reference, string Image, string? Id = null)
{
    /// <summary>The identity a resumed run recognizes: the paths exactly as written to the output.</summary>
    public (string, string) Key => (Reference ?? "", Image);

    public string Describe() => Reference is null ? Image : $"{Reference} vs {Image}";
}

/// <summary>The outcome of one item: its scores, or the one-line reason it could not be scored.</summary>
public sealed record BatchOutcome(BatchItem Item, IReadOnlyDictionary<string, double>? Scores, string? Error);
