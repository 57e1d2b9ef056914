using Iqa.Gpu.Slic;

namespace Iqa.Gpu.Tests.Slic;

/// <summary>
/// The float screen of the production path decides a pixel only where its error bound proves the reference's
/// choice (see <see cref="SlicCpu.ScreenBound"/>). Random and adversarial distances (colour differences that cancel,
/// large and tiny features, far and near centres, large coordinates) computed as the screen computes them in float
/// must lie within the bound of the reference's double distance; and a pair the bound separates must be ordered the
/// same way in double.
/// </summary>
public sealed class SlicScreenBoundTests
{
    [Theory]
    [InlineData(1e-6)]
    [InlineData(1.0)]
    [InlineData(10.0)]
    [InlineData(1e4)]
    [InlineData(1e12)]
    public void FloatDistanceIsWithinTheBound(double magnitude)
    {
        var rng = new Random((int)Math.Log10(magnitude) + 100);
        var bound = new SlicCpu.ScreenBound(Math.Sqrt(3 * 4 * magnitude * magnitude));
        for (int i = 0; i < 200_000; i++)
        {
            int step = rng.Next(1, 200);
            double sw = 1.0 / ((float)step * step);
            double cy = rng.NextDouble() * 5000, cx = rng.NextDouble() * 5000;
            int y = (int)cy + rng.Next(-2 * step, 2 * step + 1), x = (int)cx + rng.Next(-2 * step, 2 * step + 1);
            var f = new double[3];
            var c = new double[3];
            for (int ch = 0; ch < 3; ch++)
            {
                f[ch] = (rng.NextDouble() * 2 - 1) * magnitude;
                // A third of the centres almost equal to the feature: the difference cancels.
                c[ch] = rng.Next(3) == 0 ? f[ch] * (1 + (rng.NextDouble() - 0.5) * 1e-6) : (rng.NextDouble() * 2 - 1) * magnitude;
            }
            double exact = Reference(cy, cx, y, x, sw, f, c), screened = Screened(cy, cx, y, x, sw, f, c);
            Assert.True(Math.Abs(screened - exact) <= bound.Slope * screened + bound.Offset,
                $"d̃ {screened:R}, d {exact:R}, bound {bound.Slope * screened + bound.Offset:R}");
        }
    }

    [Fact]
    public void SeparatedPairsKeepTheirOrderInDouble()
    {
        var rng = new Random(5);
        const double magnitude = 12;
        var bound = new SlicCpu.ScreenBound(Math.Sqrt(3 * 4 * magnitude * magnitude));
        int separated = 0, close = 0;
        for (int i = 0; i < 200_000; i++)
        {
            const int step = 30;
            double sw = 1.0 / ((float)step * step);
            var f = Enumerable.Range(0, 3).Select(_ => (rng.NextDouble() * 2 - 1) * magnitude).ToArray();
            // Two centres at nearly the same distance: colours nudged apart by 1e-8 to 1e-3 relative.
            var a = f.Select(v => v + (rng.NextDouble() - 0.5)).ToArray();
            double nudge = Math.Pow(10, -8 + 5 * rng.NextDouble());
            var b = a.Select(v => v * (1 + (rng.NextDouble() - 0.5) * nudge)).ToArray();
            double cy = 100 + rng.NextDouble(), cx = 100 + rng.NextDouble();
            double da = Screened(cy, cx, 101, 101, sw, f, a), db = Screened(cy, cx, 101, 101, sw, f, b);
            if (da == db)
                continue;
            var (near, far, nearExact, farExact) = da < db
                ? (da, db, Reference(cy, cx, 101, 101, sw, f, a), Reference(cy, cx, 101, 101, sw, f, b))
                : (db, da, Reference(cy, cx, 101, 101, sw, f, b), Reference(cy, cx, 101, 101, sw, f, a));
            if (!bound.Separates(near, far))
            {
                close++;
                continue;
            }
            separated++;
            Assert.True(nearExact < farExact, $"float {near:R} < {far:R} separated, double {nearExact:R} >= {farExact:R}");
        }
        Assert.True(separated > 10_000 && close > 10_000, $"{separated} pairs separated, {close} left to the exact path");
    }

    /// <summary>_slic.pyx's distance in double.</summary>
    private static double Reference(double cy, double cx, int y, int x, double sw, double[] f, double[] c)
    {
        double dy = cy - y, dx = cx - x;
        dy *= dy;
        dx *= dx;
        double distance = (dy + dx) * sw, colour = 0;
        for (int ch = 0; ch < 3; ch++)
        {
            double t = f[ch] - c[ch];
            colour += t * t;
        }
        return distance + colour;
    }

    /// <summary>The screen's float distance, operation for operation (SlicCpu's ScreenCentres).</summary>
    private static float Screened(double cy, double cx, int y, int x, double sw, double[] f, double[] c)
    {
        double dy = cy - y, dx = cx - x;
        float spatial = ((float)(dy * dy) + (float)(dx * dx)) * (float)sw;
        float t0 = (float)f[0] - (float)c[0], t1 = (float)f[1] - (float)c[1], t2 = (float)f[2] - (float)c[2];
        return MathF.FusedMultiplyAdd(t2, t2, MathF.FusedMultiplyAdd(t1, t1, MathF.FusedMultiplyAdd(t0, t0, spatial)));
    }
}
