namespace Iqa.Gpu.Tests.Video;

/// <summary>A test that needs ffmpeg and ffprobe on PATH; reported as skipped, with the reason, where they are missing.</summary>
public sealed class FfmpegFactAttribute : FactAttribute
{
    public const string SkipReason = "ffmpeg/ffprobe not on PATH: install ffmpeg (e.g. apt-get install ffmpeg) to run this test";

    public static bool Available { get; } = OnPath("ffmpeg") && OnPath("ffprobe");

    public FfmpegFactAttribute()
    {
        if (!Available)
            Skip = SkipReason;
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));
}

/// <summary>A theory that needs ffmpeg and ffprobe on PATH; skipped with the reason where they are missing.</summary>
public sealed class FfmpegTheoryAttribute : TheoryAttribute
{
    public FfmpegTheoryAttribute()
    {
        if (!FfmpegFactAttribute.Available)
            Skip = FfmpegFactAttribute.SkipReason;
    }
}
