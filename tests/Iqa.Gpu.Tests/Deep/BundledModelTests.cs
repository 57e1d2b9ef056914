using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Iqa.Gpu.Metrics.Deep;

namespace Iqa.Gpu.Tests.Deep;

public class BundledModelTests
{
    /// <summary>Every bundled model reaches the build output unchanged: its SHA-256 is the one models/lpips/PROVENANCE.md records.</summary>
    [Theory]
    [InlineData("lpips")]
    [InlineData("lpips-squeeze")]
    public void CopiedToOutput_WithRecordedHash(string metric)
    {
        DeepModelDescriptor model = DeepModels.Find(metric);
        string provenance = File.ReadAllText(TestPaths.Repo("models", "lpips", "PROVENANCE.md"));
        string name = Path.GetFileName(model.BundledFile!);
        Match row = Regex.Match(provenance, $@"`{Regex.Escape(name)}` \| `([0-9a-f]{{64}})`");
        Assert.True(row.Success, $"no hash for {name} in PROVENANCE.md");
        Assert.Equal(row.Groups[1].Value, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(model.BundledPath!))));
    }

    [Fact]
    public void Listing_NamesEachMetricOnce_AndSaysWhichNeedAModel()
    {
        Assert.Equal(["lpips", "lpips-squeeze", "lpips-vgg", "dists"], DeepModels.All.Select(d => d.Name));
        Assert.Equal(["lpips", "lpips-squeeze"], DeepModels.All.Where(d => d.IsBundled).Select(d => d.Name));
        Assert.All(DeepModels.All, d => Assert.True(d.LowerIsBetter));
        Assert.Same(DeepModels.LpipsSqueeze, DeepModels.Find("LPIPS-Squeeze"));
    }
}
