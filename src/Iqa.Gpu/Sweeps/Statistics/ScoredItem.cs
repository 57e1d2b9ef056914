namespace Iqa.Gpu.Sweeps.Statistics;

/// <summary>One item's metric score and subjective score, with its distortion type (null when the dataset has none).</summary>
public readonly record struct ScoredItem(string Id, double Score, double Subjective, string? Type);
