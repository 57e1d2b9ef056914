namespace Iqa.Gpu.Slic;

/// <summary>
/// The arguments of <c>skimage.segmentation.slic</c> (scikit-image 0.19.3) that this implementation reproduces, with
/// its defaults. Fixed, not parameters: <c>sigma=0</c> (no pre-smoothing), <c>spacing=None</c>, <c>slic_zero=False</c>,
/// <c>mask=None</c>, <c>convert2lab</c> left to its default (Lab for RGB input, the samples as they are for gray).
/// </summary>
public sealed record SlicParameters
{
    /// <summary><c>n_segments</c>: the approximate number of superpixels (the seed grid is derived from it).</summary>
    public int Segments { get; init; } = 100;

    /// <summary><c>compactness</c>: weight of spatial against colour proximity; higher gives squarer superpixels.</summary>
    public double Compactness { get; init; } = 10;

    /// <summary><c>max_num_iter</c>: k-means iterations (scikit-image never stops earlier on an ordinary image).</summary>
    public int MaxIterations { get; init; } = 10;

    /// <summary><c>enforce_connectivity</c>: merge small and disconnected pieces into a neighbour and relabel.</summary>
    public bool EnforceConnectivity { get; init; } = true;

    /// <summary><c>min_size_factor</c>: pieces smaller than this times pixels/seeds are merged into a neighbour.</summary>
    public double MinSizeFactor { get; init; } = 0.5;

    /// <summary><c>max_size_factor</c>: a connected piece stops growing at this times pixels/seeds (a new label follows).</summary>
    public double MaxSizeFactor { get; init; } = 3;

    /// <summary><c>start_label</c>: the first label, 0 or 1.</summary>
    public int StartLabel { get; init; } = 1;

    /// <summary>Throws one <see cref="IqaException"/> naming the first bad value.</summary>
    public void Validate()
    {
        if (Segments < 1)
            throw new IqaException($"slic: segments must be at least 1, got {Segments}");
        if (!double.IsFinite(Compactness) || Compactness <= 0)
            throw new IqaException($"slic: compactness must be a finite number above 0, got {Compactness}");
        if (MaxIterations < 1)
            throw new IqaException($"slic: iterations must be at least 1, got {MaxIterations}");
        if (!double.IsFinite(MinSizeFactor) || MinSizeFactor < 0)
            throw new IqaException($"slic: min size factor must be a finite number of at least 0, got {MinSizeFactor}");
        if (!double.IsFinite(MaxSizeFactor) || MaxSizeFactor <= 0)
            throw new IqaException($"slic: max size factor must be a finite number above 0, got {MaxSizeFactor}");
        if (StartLabel is not (0 or 1))
            throw new IqaException($"slic: start label must be 0 or 1, got {StartLabel}");
    }
}
