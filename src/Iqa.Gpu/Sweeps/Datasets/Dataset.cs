namespace Iqa.Gpu.Sweeps.Datasets;

/// <summary>Which way the subjective scores point.</summary>
public enum ScoreDirection
{
    /// <summary>MOS: a higher score is a better image.</summary>
    HigherIsBetter,

    /// <summary>DMOS: a higher score is a worse image.</summary>
    LowerIsBetter,
}

/// <summary>
/// One scored image of a dataset: <see cref="Reference"/> is null for no-reference datasets; <see cref="Type"/> is
/// the distortion type's name, null where the dataset has none; <see cref="Id"/> is stable across runs and machines
/// (derived from the dataset's own file names, never from absolute paths), unique within the dataset.
/// </summary>
public sealed record DatasetItem(string Id, string? Reference, string Distorted, double Score, string? Type);

/// <summary>A dataset as read from its published layout, items in the order of its score file.</summary>
/// <param name="Name">The dataset's name, e.g. "KADID-10k".</param>
/// <param name="ScoreName">What the score column is, for labels: "MOS", "DMOS", "Elo"...</param>
public sealed record Dataset(string Name, string ScoreName, ScoreDirection Direction, IReadOnlyList<DatasetItem> Items)
{
    public bool IsFullReference => Items.Count > 0 && Items.All(i => i.Reference != null);
}
