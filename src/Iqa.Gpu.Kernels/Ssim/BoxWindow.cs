namespace Iqa.Gpu.Kernels;

/// <summary>Index arithmetic of MATLAB's imfilter with an f x f box and 'symmetric' padding.</summary>
public static class BoxWindow
{
    /// <summary>
    /// First tap offset: imfilter centres a kernel of size f at floor((f + 1) / 2) (1-based),
    /// so taps cover offsets -floor((f - 1) / 2) .. f - 1 - floor((f - 1) / 2).
    /// </summary>
    public static int Low(int f) => -((f - 1) / 2);

    /// <summary>Symmetric (edge-repeating mirror) padding: -1 maps to 0, n maps to n - 1.</summary>
    public static int Symmetric(int i, int n)
    {
        // Box sizes here are far smaller than the image, so one reflection suffices.
        if (i < 0) return -i - 1;
        if (i >= n) return 2 * n - i - 1;
        return i;
    }
}
