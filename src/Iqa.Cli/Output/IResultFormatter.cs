using Iqa.Gpu.Scoring;

namespace Iqa.Cli.Output;

/// <summary>How one output format presents the engine's results; one implementation per format.</summary>
public interface IResultFormatter
{
    /// <summary>One pair's (or image's) scores, with their provenance and, optionally, the timings, maps and regions.</summary>
    void Score(TextWriter output, ScoreResult result, bool timings, AnalysisReport? analysis = null);

    /// <summary>A video comparison pooled over its frames.</summary>
    void VideoSummary(TextWriter output, VideoResult result);
}
