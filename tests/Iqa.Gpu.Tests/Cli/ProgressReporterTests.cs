using Iqa.Cli;

namespace Iqa.Gpu.Tests.Cli;

/// <summary>The progress line's content and pacing, with a controlled clock.</summary>
public class ProgressReporterTests
{
    private TimeSpan _now;

    private ProgressReporter Create(StringWriter writer, long? total, bool terminal) =>
        new(writer, "frames", total, terminal, () => _now);

    [Fact]
    public void PlainOutputWritesALineEveryFiveSecondsThenTheTotal()
    {
        var writer = new StringWriter();
        var progress = Create(writer, total: 120, terminal: false);
        _now = TimeSpan.FromSeconds(1);
        progress.Report(10);
        Assert.Equal("", writer.ToString());
        _now = TimeSpan.FromSeconds(6);
        progress.Report(60);
        _now = TimeSpan.FromSeconds(7);
        progress.Report(70);
        _now = TimeSpan.FromSeconds(12);
        progress.Finish(120);
        Assert.Equal(["frames 60/120 (50%), 10.0 frames/s, ETA 0:06", "frames 120 in 12.00 s, 10.0 frames/s"],
            writer.ToString().TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public void TerminalOutputRewritesOneLine()
    {
        var writer = new StringWriter();
        var progress = Create(writer, total: null, terminal: true);
        _now = TimeSpan.FromSeconds(1);
        progress.Report(250);
        _now = TimeSpan.FromSeconds(2);
        progress.Finish(400);
        Assert.Equal("\rframes 250, 250.0 frames/s\rframes 400 in 2.00 s, 200.0 frames/s" + Environment.NewLine, writer.ToString());
    }

    [Fact]
    public void EtaCountsHours()
    {
        var progress = Create(new StringWriter(), total: 36_001, terminal: false);
        Assert.Equal("frames 1/36001 (0%), 1.0 frames/s, ETA 10:00:00", progress.Describe(1, TimeSpan.FromSeconds(1)));
    }
}
