using System.Text;
using Iqa.Gpu.Tests.Cli;
using Iqa.Gpu.Tests.Video;
using Iqa.Gpu.Video;

namespace Iqa.Gpu.Tests.Fuzz;

/// <summary>
/// Seeded fuzzing of the input surface through the CLI in process (<c>score</c>, <c>batch</c>, <c>video</c>):
/// mutants of valid PNG, JPEG, TIFF, WebP, GIF, BMP, TGA, PGM/PPM and Y4M files, and raw YUV read with
/// mismatched --size/--pix-fmt, must keep the error contract (<see cref="FuzzContract"/>). A failing case's label
/// names the seed file, the case's PRNG seed and its mutations: <see cref="Mutator.Mutate"/> with that seed
/// makes the same mutant again. Case counts (about 10,000 in all) keep the suite near 15 s on two cores.
/// </summary>
public sealed class InputFuzzTests : IDisposable
{
    private const int ScoreCasesPerSeed = 400, BatchCasesPerSeed = 4, VideoCases = 600;

    private readonly TempDirectory _scratch = new();

    [Fact]
    public void ImageMutantsThroughScore()
    {
        var contract = new FuzzContract();
        foreach (var seed in FuzzSeeds.Images(_scratch))
        {
            string original = _scratch.Write("original-" + seed.Name, seed.Bytes);
            for (int k = 0; k < ScoreCasesPerSeed; k++)
            {
                var (label, mutant) = Case(seed, k);
                string path = _scratch.Write("mutant-" + seed.Name, mutant);
                contract.CheckSingle(label, contract.Run(label, ["score", original, path, "-a", "cpu", "--format", "json", "--max-pixels", "4000000"]));
            }
        }
        contract.AssertNone();
    }

    [Fact]
    public void ImageMutantsThroughBatch()
    {
        var contract = new FuzzContract();
        var pairs = new StringBuilder("ref,dist\n");
        var labels = new List<string>();
        foreach (var seed in FuzzSeeds.Images(_scratch))
        {
            string original = _scratch.Write("original-" + seed.Name, seed.Bytes);
            for (int k = ScoreCasesPerSeed; k < ScoreCasesPerSeed + BatchCasesPerSeed; k++)
            {
                var (caseLabel, mutant) = Case(seed, k);
                labels.Add(caseLabel);
                pairs.Append($"{original},{_scratch.Write($"batch-{k}-{seed.Name}", mutant)}\n");
            }
        }
        string list = _scratch.Write("pairs.csv", Encoding.UTF8.GetBytes(pairs.ToString()));
        string output = _scratch.File("batch.jsonl");
        string label = $"batch of cases {ScoreCasesPerSeed} to {ScoreCasesPerSeed + BatchCasesPerSeed - 1} of every seed";
        string[] args = ["batch", "--pairs", list, "-a", "cpu", "-q", "--threads", "2", "--max-pixels", "4000000", "--out"];
        contract.CheckBatch(label, contract.Run(label, [.. args, output]), output);
        // The same list in a child process: what native code writes to file descriptor 2 shows only there.
        string childOutput = _scratch.File("batch-child.jsonl");
        contract.CheckBatch(label + ", child process", CliRunner.RunProcess([.. args, childOutput]), childOutput);
        contract.AssertNone();
        Assert.Equal(labels.Count, Batch.BatchOutput.Rows(output).Count);
        Assert.Equal(labels.Count, Batch.BatchOutput.Rows(childOutput).Count);
    }

    [Fact]
    public void Y4mMutantsThroughVideo()
    {
        var contract = new FuzzContract();
        var seed = FuzzSeeds.Y4m();
        string original = _scratch.Write("original.y4m", seed.Bytes);
        for (int k = 0; k < VideoCases; k++)
        {
            var (label, mutant) = Case(seed, k);
            string path = _scratch.Write("mutant.y4m", mutant);
            // Half the cases put the mutant on the reference side.
            string[] inputs = k % 2 == 0 ? ["--ref", original, "--dist", path] : ["--ref", path, "--dist", original];
            contract.CheckSingle(label, contract.Run(label, ["video", .. inputs, "-a", "cpu", "--quiet", "--format", "json", "--max-pixels", "4000000"]));
        }
        contract.AssertNone();
    }

    /// <summary>Raw 16x16 yuv420p read as other sizes and layouts, whole and truncated.</summary>
    [Fact]
    public void RawYuvWithMismatchedLayouts()
    {
        var contract = new FuzzContract();
        var raw = TestClip.Random(16, 16, VideoPixelFormat.Parse("yuv420p"), frames: 2, seed: 6).ToRaw();
        string whole = _scratch.Write("whole.yuv", raw), cut = _scratch.Write("cut.yuv", raw[..(raw.Length - 100)]);
        string[] sizes = ["16x16", "15x16", "16x15", "8x8", "0x16", "16x0", "99999x99999", "4294967296x1", "-16x16", "16x16x1", "abc", ""];
        string[] formats = ["yuv420p", "yuv444p16le", "gray", "yuv420p10le", "nv12", "rgb24", "bogus"];
        foreach (string size in sizes)
            foreach (string format in formats)
                foreach (string dist in new[] { whole, cut })
                {
                    string label = $"raw --size '{size}' --pix-fmt '{format}' --dist {Path.GetFileName(dist)}";
                    contract.CheckSingle(label, contract.Run(label,
                        ["video", "--ref", whole, "--dist", dist, "--size", size, "--pix-fmt", format, "-a", "cpu", "--quiet", "--format", "json"]));
                }
        contract.AssertNone();
    }

    /// <summary>Case <paramref name="k"/> of a seed: its PRNG is seeded from the file name (FNV-1a) and k, so cases do not depend on the seed list's order.</summary>
    private static (string Label, byte[] Mutant) Case(FuzzSeed seed, int k)
    {
        ulong hash = 0xcbf29ce484222325;
        foreach (char c in seed.Name)
            hash = (hash ^ c) * 0x100000001b3;
        ulong caseSeed = hash + (ulong)k;
        var mutant = Mutator.Mutate(seed, new SplitMix64(caseSeed));
        return ($"{seed.Name} case {k} (SplitMix64 seed 0x{caseSeed:x16}): {mutant.Description}", mutant.Bytes);
    }

    public void Dispose() => _scratch.Dispose();
}
