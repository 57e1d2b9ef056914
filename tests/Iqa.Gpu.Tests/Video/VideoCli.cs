using System.Text.Json;
using Iqa.Gpu.Tests.Cli;

namespace Iqa.Gpu.Tests.Video;

/// <summary>Runs <c>iqa video</c> in process on the cpu backend and reads its JSON outputs.</summary>
public static class VideoCli
{
    public static CliRunner.Result Run(params string[] args) => CliRunner.Run(["video", "-a", "cpu", "--quiet", .. args]);

    /// <summary>Runs with a JSON log and returns the result and the log's root (the caller disposes the document).</summary>
    public static (CliRunner.Result Result, JsonDocument Log) RunWithLog(TempDirectory dir, params string[] args)
    {
        string log = dir.File($"log-{Guid.NewGuid():N}.json");
        var result = Run([.. args, "--log", log]);
        Assert.True(File.Exists(log), $"no log written; exit {result.ExitCode}: {result.Error}");
        return (result, JsonDocument.Parse(File.ReadAllText(log)));
    }

    /// <summary>Per-frame values of one score in a log, "inf" read as infinity.</summary>
    public static double[] FrameScores(JsonDocument log, string name) =>
        [.. log.RootElement.GetProperty("frames").EnumerateArray().Select(f => Number(f.GetProperty("metrics").GetProperty(name)))];

    public static double Number(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? value.GetString() == "inf" ? double.PositiveInfinity : throw new FormatException($"unexpected score {value}")
        : value.GetDouble();
}
