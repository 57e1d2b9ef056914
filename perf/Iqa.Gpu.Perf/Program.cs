using Iqa.Gpu.Perf;

// Benchmarks: `dotnet run -c Release --project perf/Iqa.Gpu.Perf -- <name>`; each prints its figures to stdout.
var benchmarks = new Dictionary<string, Action<TextWriter>>
{
    ["ssim"] = SsimBenchmark.Run,
    ["batch"] = o => BatchBenchmark.Run(o, args.Length > 1 ? int.Parse(args[1]) : 200),
    ["lpips"] = LpipsBenchmark.Run,
    ["niqe"] = o => NiqeBenchmark.Run(o, args.Length > 1 ? args[1] : null),
    ["video"] = VideoBenchmark.Run,
    ["compat"] = CompatBenchmark.Run,
    ["sweep"] = SweepBenchmark.Run,
    ["sweep-run"] = SweepRunBenchmark.Run,
    ["slic"] = o => SlicBenchmark.Run(o, args.Length > 1 ? int.Parse(args[1]) : 5),
    ["maps"] = MapsBenchmark.Run,
    ["ffmpeg"] = o => FfmpegComparisonBenchmark.Run(o, args[1..]),
};
string name = args.Length > 0 ? args[0] : "ssim";
if (!benchmarks.TryGetValue(name, out var run))
{
    Console.Error.WriteLine($"unknown benchmark '{name}' ({string.Join(", ", benchmarks.Keys)})");
    return 1;
}
run(Console.Out);
return 0;
