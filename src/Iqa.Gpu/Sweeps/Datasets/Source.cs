namespace Iqa.Gpu.Sweeps.Datasets;

/// <summary>
/// A place in a score file, for messages: "dmos.csv line 12", "csiq.DMOS.xlsx sheet all_by_image row 6",
/// "dmos.mat entry 463". <see cref="Place"/> says what <see cref="Number"/> counts.
/// </summary>
internal readonly record struct Source(string Dataset, string File, int Number, string Place = "line")
{
    public override string ToString() => $"{Path.GetFileName(File)} {Place} {Number}";

    public IqaException Error(string problem) => new($"{Dataset}: {File} {Place} {Number}: {problem}");
}
