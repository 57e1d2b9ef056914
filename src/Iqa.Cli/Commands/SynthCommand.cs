using System.CommandLine;
using Iqa.Cli.Synthetic;
using Iqa.Gpu;
using Iqa.Gpu.Video;

namespace Iqa.Cli.Commands;

/// <summary>
/// <c>iqa synth --out DIR [--size WxH] [--frames N] [--pairs N]</c>, hidden: writes the generated inputs of the
/// benchmarks (a panning, noisy 8-bit 4:2:0 Y4M pair; RGB PNG pairs) so a machine with nothing but the
/// <c>iqa</c> package, no ffmpeg and no images, can run every command (scripts/gpu-checks, docs/gpu-package.md).
/// </summary>
public static class SynthCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder to write into (created if missing)", Required = true };
        var size = new Option<string>("--size") { Description = "Frame and image size WxH", DefaultValueFactory = _ => "1920x1080" };
        var frames = new Option<int>("--frames") { Description = "Frames of the video pair ref.y4m, dist.y4m (0: none)" };
        var pairs = new Option<int>("--pairs") { Description = "PNG pairs pairs/ref/NNNNNN.png, pairs/dist/NNNNNN.png (0: none)" };
        var command = new Command("synth", "Write synthetic inputs: a Y4M video pair and PNG image pairs") { Hidden = true };
        foreach (var option in new Option[] { output, size, frames, pairs })
            command.Options.Add(option);
        CommandRunner.SetAction(command, (parse, stdout, _) =>
        {
            string folder = parse.GetValue(output)!;
            // The size syntax of .yuv inputs; the pixel format is what SyntheticVideo writes.
            var format = RawVideoFormat.Parse(parse.GetValue(size)!, "yuv420p");
            int frameCount = parse.GetValue(frames), pairCount = parse.GetValue(pairs);
            if (frameCount < 0 || pairCount < 0 || frameCount + pairCount == 0)
                throw new IqaException("--frames and --pairs are counts, at least one of them above 0");
            try
            {
                Directory.CreateDirectory(folder);
                if (frameCount > 0)
                {
                    SyntheticVideo.Write(Path.Combine(folder, "ref.y4m"), Path.Combine(folder, "dist.y4m"), format.Width, format.Height, frameCount);
                    stdout.WriteLine($"{folder}: ref.y4m, dist.y4m ({format.Width}x{format.Height} yuv420p, {frameCount} frames)");
                }
                if (pairCount > 0)
                {
                    string references = Directory.CreateDirectory(Path.Combine(folder, "pairs", "ref")).FullName;
                    string distorted = Directory.CreateDirectory(Path.Combine(folder, "pairs", "dist")).FullName;
                    Parallel.For(0, pairCount, i => SyntheticPairs.Write(
                        Path.Combine(references, $"{i:D6}.png"), Path.Combine(distorted, $"{i:D6}.png"), format.Width, format.Height, seed: i));
                    stdout.WriteLine($"{folder}: pairs/ref, pairs/dist ({pairCount} {format.Width}x{format.Height} RGB PNG pairs)");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NetVips.VipsException)
            {
                throw new IqaException($"{folder}: cannot write the inputs ({e.Message})", e);
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
