using System.CommandLine;
using Iqa.Cli.Output;
using Iqa.Gpu.Devices;

namespace Iqa.Cli.Commands;

/// <summary><c>iqa devices</c>: every device found, with the --accelerator value that selects it, and whether it is usable and why not.</summary>
public static class DevicesCommand
{
    public static Command Create()
    {
        var command = new Command("devices", "List compute devices and whether each is usable");
        CommandRunner.SetAction(command, (_, output, _) =>
        {
            var rows = DeviceFactory.ListDevices().Select(d => new[]
            {
                d.Selector, d.Name, d.MemoryBytes > 0 ? $"{d.MemoryBytes / (1024.0 * 1024 * 1024):0.0} GiB" : "-",
                d.Usable ? "yes" : "no", d.Reason ?? "",
            }).Prepend(["accelerator", "device", "memory", "usable", "reason"]).ToList();
            TextTable.Write(output, rows);
            return ExitCodes.Success;
        });
        return command;
    }
}
