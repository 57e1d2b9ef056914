namespace Iqa.Gpu.Tests;

/// <summary>Locations of the repository root and of the shared reference data beside it (../shared).</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The shared folder beside the checkout; CI places it there.</summary>
    public static string Shared { get; } = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string RefData(params string[] parts) => Path.Combine([Shared, "refdata", .. parts]);

    public static string Models(params string[] parts) => Path.Combine([Shared, "models", .. parts]);

    public static string Repo(params string[] parts) => Path.Combine([RepoRoot, .. parts]);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Iqa.Gpu.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Iqa.Gpu.sln not found above " + AppContext.BaseDirectory);
    }
}
