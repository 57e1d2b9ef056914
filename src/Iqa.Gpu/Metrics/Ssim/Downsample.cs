namespace Iqa.Gpu.Metrics.Ssim;

/// <summary>SSIM's downsampling rule: <c>auto</c> (Wang's ssim.m), <c>none</c>, or a fixed factor N.</summary>
public readonly record struct Downsample(bool Auto, int Factor)
{
    public static Downsample Automatic => new(true, 0);
    public static Downsample None => new(false, 1);

    /// <summary>
    /// The factor applied to an image of this size. Automatic: f = max(1, round(min(H, W) / 256)) with MATLAB's
    /// round (half away from zero), as in Wang's ssim.m.
    /// </summary>
    public int FactorFor(int width, int height) =>
        Auto ? Math.Max(1, (int)Math.Round(Math.Min(width, height) / 256.0, MidpointRounding.AwayFromZero)) : Factor;

    public override string ToString() => Auto ? "auto" : Factor == 1 ? "none" : Factor.ToString();

    public static Downsample Parse(string text)
    {
        switch (text.ToLowerInvariant())
        {
            case "auto": return Automatic;
            case "none": return None;
        }
        if (int.TryParse(text, out int f) && f >= 1)
            return new Downsample(false, f);
        throw new IqaException($"invalid downsample '{text}' (auto, none, or a factor >= 1)");
    }
}
