
namespace Iqa.Gpu.Tests.Sweeps.Datasets;

/// <summary>The committed miniature datasets (TestData/sweep/datasets, make_dataset_fixtures.py), and copies of them to break.</summary>
internal static class DatasetFixture
{
    public static string Path(string dataset, params string[] parts) => SweepTestData.Path(["datasets", dataset, .. parts]);

    /// <summary>A writable copy of a fixture in <paramref name="temp"/>.</summary>
    public static string Copy(string dataset, TempDirectory temp)
    {
        string source = Path(dataset), target = temp.File(dataset);
        foreach (string dir in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, dir)));
        Directory.CreateDirectory(target);
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file)));
        return target;
    }
}
