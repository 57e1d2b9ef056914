namespace Iqa.Gpu.Sweeps.Datasets;

/// <summary>A place in a score file, for messages: "dmos.csv line 12".</summary>
internal readonly record struct Source(string Dataset, string File, int Line)
{
    public override string ToString() => Line > 0 ? $"{Path.GetFileName(File)} line {Line}" : Path.GetFileName(File);

    public IqaException Error(string problem) => new($"{Dataset}: {File} line {Line}: {problem}");
}
