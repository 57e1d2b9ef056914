namespace Iqa.Gpu.Perf;

/// <summary>Where the benchmarks find the checkout they were built from and the reference data beside it.</summary>
public static class BenchPaths
{
    /// <summary>The folder holding Iqa.Gpu.sln, found upwards from this benchmark's build folder.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Iqa.Gpu.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Iqa.Gpu.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The 1080p refdata image, from ../shared beside the checkout.</summary>
    public static string Astronaut1080p() =>
        Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "refdata", "slic_ref", "astronaut_ref_cubic_1920x1080.png"));
}
