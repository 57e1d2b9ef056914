using Iqa.Gpu.Tests.Video;

namespace Iqa.Gpu.Tests.Package;

/// <summary>
/// The GPU check package as a user gets it, once per test class: built by scripts/gpu-package.sh (xz -1 instead of
/// -9: 8 s instead of a minute, about 35 MB instead of 31), unpacked into an empty folder, and its entry script run
/// with the cpu backend under <c>env -i</c>, so nothing of the SDK or this process's environment can be found.
/// Small inputs (6 frames and 2 pairs of 640x360) keep it to about a minute, most of it the publish.
/// </summary>
public sealed class PackageRun : IDisposable
{
    private readonly TempDirectory _folder = new();

    public PackageRun()
    {
        Archive = _folder.File("iqa-gpu-checks.tar.xz");
        Package = _folder.File(Path.Combine("unpacked", "iqa-gpu"));
        Output = _folder.File("checks");
        Build = ShellCommand.Run(_folder.File("build.log"), TimeSpan.FromMinutes(10),
            new Dictionary<string, string> { ["IQA_PACKAGE_XZ_LEVEL"] = "1", ["MSBUILDDISABLENODEREUSE"] = "1" },
            "bash", TestPaths.Repo("scripts", "gpu-package.sh"), Archive);
        if (Build.ExitCode != 0)
            return;
        Directory.CreateDirectory(_folder.File("unpacked"));
        Unpack = ShellCommand.Run(_folder.File("unpack.log"), TimeSpan.FromMinutes(2), null, "tar", "-xJf", Archive, "-C", _folder.File("unpacked"));
        if (Unpack.ExitCode == 0)
            Checks = Bare(_folder.File("checks.log"), "IQA_CHECK_FRAMES=6", "IQA_CHECK_PAIRS=2", "IQA_CHECK_SIZE=640x360",
                Path.Combine(Package, "run-gpu-checks.sh"), Output, "cpu");
    }

    public string Archive { get; }

    /// <summary>The unpacked package's top folder, iqa-gpu/.</summary>
    public string Package { get; }

    /// <summary>The OUTDIR of the entry script's run.</summary>
    public string Output { get; }

    public ShellCommand.Result Build { get; }

    public ShellCommand.Result? Unpack { get; }

    public ShellCommand.Result? Checks { get; }

    /// <summary>A command under <c>env -i</c>: only the NAME=VALUE arguments before it are in its environment.</summary>
    public ShellCommand.Result Bare(string logFile, params string[] command) =>
        ShellCommand.Run(logFile, TimeSpan.FromMinutes(5), null, ["env", "-i", .. command]);

    public string Scratch(string name) => _folder.File(name);

    /// <summary>Fails the calling test with the log of the stage that broke, if the package was not built and run.</summary>
    public void AssertRan()
    {
        Assert.True(Build.ExitCode == 0, $"scripts/gpu-package.sh failed:\n{Build.Output}");
        Assert.True(Unpack?.ExitCode == 0, $"tar -xJf failed:\n{Unpack?.Output}");
        Assert.NotNull(Checks);
    }

    public void Dispose() => _folder.Dispose();
}
