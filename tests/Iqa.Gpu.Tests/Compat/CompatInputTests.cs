using Iqa.Gpu.Metrics.Compat;

namespace Iqa.Gpu.Tests.Compat;

/// <summary>Inputs the compat metrics refuse, each with one IqaException naming the problem, and their size rules.</summary>
public sealed class CompatInputTests
{
    private static SamplePlane Bytes(int w, int h, byte value = 100) => new(Filled(w * h, value), w, h, w);

    private static SamplePlane Words(int w, int h, int bitDepth) => new(new ushort[w * h], w, h, w, bitDepth);

    private static byte[] Filled(int n, byte value)
    {
        var data = new byte[n];
        Array.Fill(data, value);
        return data;
    }

    private static void Refused(Action action, string expected) =>
        Assert.Contains(expected, Assert.Throws<IqaException>(action).Message);

    [Fact]
    public void PlanesMustDescribeTheirMemory()
    {
        Refused(() => _ = new SamplePlane(new byte[10], 0, 4, 4), "positive size");
        Refused(() => _ = new SamplePlane(new byte[100], 10, 4, 8), "stride of at least 10");
        Refused(() => _ = new SamplePlane(new byte[39], 10, 4, 10), "needs 40 samples, only 39");
        Refused(() => _ = new SamplePlane(new ushort[16], 4, 4, 4, 8), "9- to 16-bit");
        Refused(() => _ = new SamplePlane(new ushort[16], 4, 4, 4, 17), "9- to 16-bit");
        // The last row needs only its width: a view of a wider buffer.
        Assert.Equal(3, new SamplePlane(new byte[34], 2, 3, 16).Height);
    }

    [Fact]
    public void FramesNeedMatchingChroma()
    {
        Refused(() => _ = new SampleFrame(Bytes(8, 8), Bytes(4, 4), Bytes(4, 3)), "chroma planes U and V");
        Refused(() => _ = new SampleFrame(Bytes(8, 8), Words(4, 4, 10), Words(4, 4, 10)), "chroma planes of 10 bits");
        Refused(() => _ = new SampleFrame(Bytes(8, 8), default, Bytes(4, 4)), "all three planes");
    }

    [Fact]
    public void LibvmafRefusesWhatLibvmafCannotRead()
    {
        Refused(() => LibvmafFloatSsim.Compute(Words(64, 64, 9), Words(64, 64, 9)), "not 9-bit");
        Refused(() => LibvmafFloatSsim.Compute(Bytes(64, 64), Bytes(64, 63)), "64x64 and 64x63");
        Refused(() => LibvmafFloatSsim.Compute(Bytes(64, 64), Words(64, 64, 10)), "8 and 10 bits");
        Refused(() => LibvmafFloatSsim.Compute(Bytes(10, 40), Bytes(10, 40)), "smaller than the 11x11 window");
        Refused(() => LibvmafFloatSsim.Compute(Bytes(40, 40), Bytes(40, 40), new() { Scale = 4 }), "decimated by 4 (10x10)");
        Refused(() => LibvmafFloatSsim.Compute(Bytes(40, 40), Bytes(40, 40), new() { Scale = 11 }), "0 (automatic) to 10");
        Refused(() => LibvmafFloatMsSsim.Compute(Bytes(176, 175), Bytes(176, 175)), "at least 176x176");
        Refused(() => LibvmafPsnr.Compute(new SampleFrame(Bytes(8, 8)), new SampleFrame(Bytes(8, 8)), new() { MinSse = -1 }), "min_sse");
        Refused(() => LibvmafPsnr.Compute(new SampleFrame(Bytes(8, 8)), new SampleFrame(Bytes(8, 8)), new() { MinSse = double.NaN }), "min_sse");
        Refused(() => LibvmafPsnr.Compute(new SampleFrame(Bytes(8, 8)), new SampleFrame(Bytes(8, 8)), new() { MinSse = double.PositiveInfinity }), "min_sse");
        Refused(() => new LibvmafApsnr().Values(), "no frame");
    }

    [Fact]
    public void FfmpegSsimNeedsOneWindowPerPlane()
    {
        // A 14x14 4:2:0 frame has 7x7 chroma: no 8x8 window (FFmpeg would divide by zero).
        static SampleFrame Frame() => new(Bytes(14, 14), Bytes(7, 7), Bytes(7, 7));
        Refused(() => FfmpegSsim.Compute(Frame(), Frame()), "7x7 plane is smaller than one 8x8 window");
        Refused(() => FfmpegSsim.Compute(Frame(), new SampleFrame(Bytes(14, 14))), "frames of 3 and 1 planes");
        Refused(() => FfmpegPsnr.Compute(new SampleFrame(Bytes(8, 8)), new SampleFrame(Bytes(9, 8))), "8x8 and 9x8");
    }

    [Fact]
    public void SmallestAcceptedInputsGiveFiniteScores()
    {
        var flat = new SampleFrame(Bytes(11, 11));
        Assert.Equal(1.0, LibvmafFloatSsim.Compute(flat.Y, flat.Y).Score);
        var ffmpeg = new SampleFrame(Bytes(8, 8), Bytes(8, 8), Bytes(8, 8));
        Assert.Equal(1.0, FfmpegSsim.Compute(ffmpeg, ffmpeg).Planes[0]);
        Assert.Equal(1.0, LibvmafFloatMsSsim.Compute(Bytes(176, 176), Bytes(176, 176)).Score);
    }

    [Theory]
    [InlineData(383, 1000, 1)]
    [InlineData(384, 1000, 2)]
    [InlineData(639, 640, 2)]
    [InlineData(1920, 1080, 4)]
    [InlineData(3840, 2160, 8)]
    [InlineData(100, 100, 1)]
    public void LibvmafAutomaticScaleRoundsHalvesUp(int width, int height, int expected) =>
        // compute_ssim: max(1, _round(min(w, h) / 256.0f)), _round adding 1 from a fraction of 0.5 up.
        Assert.Equal(expected, LibvmafFloatSsim.AutoScale(width, height));
}
