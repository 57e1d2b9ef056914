using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Iqa.Gpu.Tests.Cli;

namespace Iqa.Gpu.Tests.Packaging;

/// <summary>
/// The packages as users get them: <c>dotnet pack</c>, then the .NET tool installed with <c>dotnet tool install
/// --add-source</c> and the engine package referenced by a new console project, each scoring the sample pair exactly as
/// the in-process command does. Restores go to a private package folder so an older build of the same version can't answer.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private static readonly string Ref = TestPaths.Repo("samples", "astronaut_ref.png"), Dist = TestPaths.Repo("samples", "astronaut_jpeg20.png");
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Tool_and_library_packages_install_and_score_like_the_command()
    {
        string feed = _dir.File("feed"), packages = _dir.File("packages"), version = Version();
        Dotnet(TestPaths.RepoRoot, "pack", TestPaths.Repo("src", "Iqa.Cli"), "-c", "Release", "-o", feed);
        foreach (var project in new[] { "Iqa.Gpu", "Iqa.Gpu.Kernels" })
            Dotnet(TestPaths.RepoRoot, "pack", TestPaths.Repo("src", project), "-c", "Release", "--no-build", "-o", feed);
        var expected = JsonDocument.Parse(CliRunner.Run("score", Ref, Dist, "-m", "ssim,gmsd,lpips", "-a", "cpu", "-f", "json").Output)
            .RootElement.GetProperty("scores");

        string tools = _dir.File("tools");
        Dotnet(_dir.Path, "tool", "install", "--tool-path", tools, "--add-source", feed, "Iqa.Cli", "--version", version);
        var tool = JsonDocument.Parse(Run(Path.Combine(tools, "iqa"), _dir.Path, "score", Ref, Dist, "-m", "ssim,gmsd,lpips", "-a", "cpu", "-f", "json"))
            .RootElement.GetProperty("scores");
        foreach (var name in new[] { "ssim", "gmsd", "lpips" })
            Assert.Equal(expected.GetProperty(name).GetDouble(), tool.GetProperty(name).GetDouble());

        string consumer = Directory.CreateDirectory(_dir.File("consumer")).FullName;
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <RestorePackagesPath>{packages}</RestorePackagesPath>
                <RestoreAdditionalProjectFallbackFolders>{GlobalPackages()}</RestoreAdditionalProjectFallbackFolders>
                <RestoreAdditionalProjectSources>{feed}</RestoreAdditionalProjectSources>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Iqa.Gpu" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
            using Iqa.Gpu;
            using var engine = IqaEngine.Create(new EngineOptions { Metrics = ["ssim", "gmsd", "lpips"], Accelerator = "cpu" });
            var result = engine.Score(args[0], args[1]);
            foreach (var (name, value) in result.Scores)
                Console.WriteLine($"{name} {value:R}");
            """);
        string printed = Run("dotnet", consumer, "run", "-c", "Release", "--", Ref, Dist);
        var library = printed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' '))
            .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
        foreach (var name in new[] { "ssim", "gmsd", "lpips" })
            Assert.Equal(expected.GetProperty(name).GetDouble(), library[name]);
    }

    /// <summary>The version Directory.Build.props gives every package.</summary>
    private static string Version()
    {
        var props = System.Xml.Linq.XDocument.Load(TestPaths.Repo("Directory.Build.props"));
        return props.Descendants("Version").Single().Value;
    }

    /// <summary>The machine's package folder: the other packages are taken from it, only Iqa.* go to the private one.</summary>
    private static string GlobalPackages() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private void Dotnet(string directory, params string[] args) => Run("dotnet", directory, args);

    /// <summary>Runs a program to completion (10 minutes at most); returns its stdout. Installs and restores use a private package folder.</summary>
    private string Run(string program, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        if (args[0] is "tool" or "run")
            start.Environment["NUGET_PACKAGES"] = _dir.File("packages");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(10)), $"{program} {string.Join(' ', args)} did not finish");
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited {process.ExitCode}:\n{stdout}\n{stderr.Result}");
        return stdout;
    }

    public void Dispose() => _dir.Dispose();
}
