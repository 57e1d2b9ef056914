namespace Iqa.Gpu.Tests;

/// <summary>A scratch folder for a test's files, removed with the test (or the test class that holds it).</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("iqa-tests-").FullName;

    /// <summary>The path of a file (or folder) named <paramref name="name"/> inside.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="bytes"/> to the file named <paramref name="name"/> inside; returns its path.</summary>
    public string Write(string name, byte[] bytes)
    {
        string path = File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file open; the system cleans its temp folder.
        }
    }
}
