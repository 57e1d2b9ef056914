namespace Iqa.Gpu.Bench;

/// <summary>How far a score computed on a device may be from the <c>cpu</c> device's on the same frames.</summary>
/// <param name="Limit">The largest accepted difference: absolute, or relative to the <c>cpu</c> score.</param>
/// <param name="Relative">Whether <paramref name="Limit"/> is |device − cpu| / |cpu| rather than |device − cpu|.</param>
public sealed record AgreementTolerance(double Limit, bool Relative)
{
    /// <summary>The difference compared with <see cref="Limit"/>: 0 when both are the same infinity, infinite when only one is.</summary>
    public double Difference(double device, double cpu)
    {
        if (device.Equals(cpu))
            return 0;
        double difference = Math.Abs(device - cpu);
        return Relative && cpu != 0 ? difference / Math.Abs(cpu) : difference;
    }
}

/// <summary>
/// The agreement the README states between the backends, per metric: what <c>iqa bench</c> holds every device to.
/// SSIM and MS-SSIM 1e-5, PSNR 1e-4 dB, NIQE 1e-9 relative, GMSD 1e-8; every score a metric writes takes its row.
/// A device-computed workload without a row must agree exactly.
/// </summary>
public static class AgreementTolerances
{
    private static readonly Dictionary<string, AgreementTolerance> Table = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ssim"] = new(1e-5, Relative: false),
        ["ms_ssim"] = new(1e-5, Relative: false),
        ["psnr"] = new(1e-4, Relative: false),
        ["niqe"] = new(1e-9, Relative: true),
        ["gmsd"] = new(1e-8, Relative: false),
    };

    public static IReadOnlyDictionary<string, AgreementTolerance> All => Table;

    /// <summary>The tolerance for the scores of <paramref name="workload"/>: its row, or exact agreement.</summary>
    public static AgreementTolerance For(string workload) =>
        Table.TryGetValue(workload, out var tolerance) ? tolerance : new AgreementTolerance(0, Relative: false);
}
