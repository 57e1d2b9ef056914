using System.CommandLine;
using Iqa.Gpu;
using Iqa.Gpu.Metrics.Niqe;

namespace Iqa.Cli.Commands;

/// <summary><c>iqa niqe-fit --pristine DIR --out model.json</c>: a NIQE pristine model fitted as estimatemodelparam.m does.</summary>
public static class NiqeFitCommand
{
    public static Command Create()
    {
        var pristine = new Option<string>("--pristine") { Description = "Folder of pristine images", Required = true };
        var output = new Option<string>("--out") { Description = "Model file to write (JSON, docs/niqe-model.md)", Required = true };
        var command = new Command("niqe-fit", "Fit a NIQE pristine model to a folder of pristine images");
        command.Options.Add(pristine);
        command.Options.Add(output);
        CommandRunner.SetAction(command, (parse, stdout, _) =>
        {
            string folder = parse.GetValue(pristine)!, path = parse.GetValue(output)!;
            var model = NiqeModelFitter.FitFolder(folder);
            // Written beside the target and renamed, so a failed write never leaves a truncated model behind.
            string temporary = path + ".tmp";
            try
            {
                model.Save(temporary);
                File.Move(temporary, path, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
            {
                // File.Exists is false when the folder is missing too, where File.Delete would throw.
                if (File.Exists(temporary))
                    File.Delete(temporary);
                throw new IqaException($"{path}: cannot write the model ({e.Message})", e);
            }
            stdout.WriteLine($"{path}: {model.Description}");
            return ExitCodes.Success;
        });
        return command;
    }
}
