namespace Iqa.Gpu.Scoring;

/// <summary>Wall-clock phases of one scoring, in milliseconds. Compute includes uploads and downloads, not decoding.</summary>
public sealed record Timings(double DecodeMs, double ComputeMs, double TotalMs);

/// <summary>The scores of one input (a pair, or one image for no-reference metrics) with what produced them.</summary>
public sealed record ScoreResult(
    string? Reference,
    string Image,
    Provenance Provenance,
    IReadOnlyDictionary<string, double> Scores,
    Timings Timings);
