using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Iqa.Gpu.Bench;

/// <summary>The machine and software a bench report was measured with, for comparisons across machines.</summary>
/// <param name="IqaVersion">The engine's version with its commit (<c>0.1.0+c93ec21...</c>).</param>
/// <param name="CpuThreads">Logical processors the machine has (/proc/cpuinfo); <paramref name="ProcessorCount"/> is what the process may use.</param>
/// <param name="LoadAverage">The 1, 5 and 15 minute load averages (/proc/loadavg) when the run started; the cores may be shared.</param>
/// <param name="Date">When the run started, ISO 8601 UTC.</param>
public sealed record MachineFacts(
    string IqaVersion,
    string DotnetVersion,
    string Os,
    string Architecture,
    string CpuModel,
    int CpuThreads,
    int ProcessorCount,
    long MemoryBytes,
    string? LoadAverage,
    string IlgpuVersion,
    string Date)
{
    /// <summary>The load averages when the run ended.</summary>
    public string? LoadAverageEnd { get; init; }

    public static MachineFacts Collect()
    {
        var cpuinfo = ReadLines("/proc/cpuinfo");
        string model = cpuinfo.Select(l => Field(l, "model name")).FirstOrDefault(v => v is not null)
                       ?? RuntimeInformation.ProcessArchitecture.ToString();
        int threads = cpuinfo.Count(l => Field(l, "processor") is not null);
        return new MachineFacts(
            Version(typeof(MachineFacts).Assembly),
            RuntimeInformation.FrameworkDescription,
            RuntimeInformation.OSDescription,
            RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
            model,
            threads > 0 ? threads : Environment.ProcessorCount,
            Environment.ProcessorCount,
            TotalMemoryBytes(),
            CurrentLoadAverage(),
            Version(typeof(ILGPU.Context).Assembly),
            DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
    }

    /// <summary>The first three fields of /proc/loadavg, or null where there is none.</summary>
    public static string? CurrentLoadAverage()
    {
        var line = ReadLines("/proc/loadavg").FirstOrDefault();
        return line is null ? null : string.Join(' ', line.Split(' ').Take(3));
    }

    private static string Version(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>MemTotal from /proc/meminfo, else what the runtime sees.</summary>
    private static long TotalMemoryBytes()
    {
        foreach (var line in ReadLines("/proc/meminfo"))
            if (Field(line, "MemTotal") is { } value && long.TryParse(value.Split(' ')[0], CultureInfo.InvariantCulture, out long kib))
                return kib * 1024;
        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }

    /// <summary>The value of a <c>key : value</c> line, or null when the line is another key's.</summary>
    private static string? Field(string line, string key)
    {
        int colon = line.IndexOf(':');
        return colon > 0 && line[..colon].Trim() == key ? line[(colon + 1)..].Trim() : null;
    }

    private static IReadOnlyList<string> ReadLines(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllLines(path) : [];
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }
}
