namespace Iqa.Gpu.Kernels;

/// <summary>The sizes the SLIC kernels share (<see cref="SlicKernels"/>), passed by value.</summary>
public readonly struct SlicLayout
{
    public SlicLayout(int width, int height, int channels, int count, int stepY, int stepX, int startLabel)
    {
        Width = width;
        Height = height;
        Channels = channels;
        Count = count;
        StepY = stepY;
        StepX = stepX;
        StartLabel = startLabel;
        BinsX = (width + stepX - 1) / stepX;
        Bins = BinsX * ((height + stepY - 1) / stepY);
    }

    public int Width { get; }
    public int Height { get; }
    public int Pixels => Width * Height;

    /// <summary>Feature channels: 3 (Lab) or 1 (gray).</summary>
    public int Channels { get; }

    /// <summary>Number of centres.</summary>
    public int Count { get; }

    /// <summary>Window half-widths are 2·StepY and 2·StepX; bins are StepY × StepX pixels.</summary>
    public int StepY { get; }
    public int StepX { get; }

    public int StartLabel { get; }
    public int BinsX { get; }
    public int Bins { get; }

    /// <summary>An upper bound of the bin list entries: a window (4·step + 1 pixels) meets at most 6 bins per axis.</summary>
    public int MaxBinEntries => Count * SlicKernels.MaxBinsPerAxis * SlicKernels.MaxBinsPerAxis;
}
