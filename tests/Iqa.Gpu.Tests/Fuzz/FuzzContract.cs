using System.Diagnostics;
using System.Text.Json;
using Iqa.Gpu.Tests.Cli;

namespace Iqa.Gpu.Tests.Fuzz;

/// <summary>
/// What every mutant must get from the CLI: exit 0, 2 or 3 (never 1 or 70); on failure exactly one line on
/// stderr starting "iqa: " and nothing on stdout; no score that is NaN or outside its metric's range; an end
/// within the time bound. Violations are collected with the case's label, so one run reports them all.
/// </summary>
public sealed class FuzzContract
{
    /// <summary>Far above any case here (tens of milliseconds): only a hang or a runaway allocation reaches it.</summary>
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(30);

    private readonly List<string> _violations = [];

    public int Cases { get; private set; }

    /// <summary>Runs the CLI in process; null (and a violation) when it does not end within the bound.</summary>
    public CliRunner.Result? Run(string label, string[] args)
    {
        Cases++;
        var clock = Stopwatch.StartNew();
        var run = Task.Run(() => CliRunner.Run(args));
        if (!run.Wait(TimeBound))
        {
            _violations.Add($"{label}: still running after {TimeBound.TotalSeconds} s");
            return null;
        }
        return run.Result;
    }

    /// <summary>A one-result command (score, video): a clean failure, or exit 0 with valid scores in JSON on stdout.</summary>
    public void CheckSingle(string label, CliRunner.Result? r)
    {
        if (r is null)
            return;
        if (r.ExitCode is not (0 or 2 or 3))
            Fail(label, r, $"exit code {r.ExitCode}");
        else if (r.ExitCode == 2)
            CheckCleanFailure(label, r);
        else
        {
            CheckStderrLines(label, r);
            var root = Parse(label, r, r.Output);
            if (root is { } element && !Scores(element).Any())
                Fail(label, r, "no score in the output");
            CheckScores(label, r, root);
        }
    }

    /// <summary>A batch: exit 0 or 3, every stderr line an "iqa: " line, every row scores in range or a one-line error.</summary>
    public void CheckBatch(string label, CliRunner.Result? r, string outputFile)
    {
        if (r is null)
            return;
        if (r.ExitCode is not (0 or 3))
            Fail(label, r, $"exit code {r.ExitCode}");
        CheckStderrLines(label, r);
        foreach (string row in File.ReadAllLines(outputFile))
        {
            var root = Parse(label, r, row);
            if (root is { } element && element.TryGetProperty("error", out var error) && error.GetString()!.Any(char.IsControl))
                Fail(label, r, $"error field with a control character: {row}");
            CheckScores(label, r, root);
        }
    }

    public void AssertNone()
    {
        Assert.True(_violations.Count == 0,
            $"{_violations.Count} of {Cases} fuzz cases broke the error contract:\n" + string.Join("\n", _violations.Take(20)));
    }

    private void CheckStderrLines(string label, CliRunner.Result r)
    {
        foreach (string line in r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            if (!line.StartsWith("iqa: ", StringComparison.Ordinal))
                Fail(label, r, $"stderr line not starting 'iqa: ': {line}");
    }

    private void CheckCleanFailure(string label, CliRunner.Result r)
    {
        var lines = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (r.Output.Length > 0)
            Fail(label, r, "output on stdout with a failure");
        else if (lines.Length != 1 || !lines[0].StartsWith("iqa: ", StringComparison.Ordinal))
            Fail(label, r, "stderr is not exactly one 'iqa: ' line");
        else if (lines[0].Contains("internal error", StringComparison.Ordinal) || lines[0].Any(c => char.IsControl(c) && c != '\r'))
            Fail(label, r, "internal error or control character in the message");
    }

    private JsonElement? Parse(string label, CliRunner.Result r, string json)
    {
        try
        {
            return JsonDocument.Parse(json).RootElement;
        }
        catch (JsonException)
        {
            Fail(label, r, "output is not JSON");
            return null;
        }
    }

    /// <summary>
    /// SSIM is computed from float32 window sums, held to 1e-5 of the double-precision reference (README,
    /// Accuracy): a near-identical 16-bit pair can score 1 + 1e-8. The bound allows that much and no more.
    /// </summary>
    private const double SsimTolerance = 1e-5;

    /// <summary>Every value of an SSIM score lies in [-1, 1] (to <see cref="SsimTolerance"/>); of a PSNR, at least 0 or "inf"; nothing is NaN.</summary>
    private void CheckScores(string label, CliRunner.Result r, JsonElement? root)
    {
        if (root is not { } element)
            return;
        foreach (var (metric, value) in Scores(element))
        {
            bool valid = metric.StartsWith("ssim", StringComparison.Ordinal) ? Math.Abs(value) <= 1 + SsimTolerance
                : metric.StartsWith("psnr", StringComparison.Ordinal) ? value >= 0
                : !double.IsNaN(value);
            if (!valid)
                Fail(label, r, $"{metric} = {value}");
        }
    }

    /// <summary>The values under "scores" (score, batch rows) or "pooled_metrics" (video), per metric.</summary>
    private static IEnumerable<(string Metric, double Value)> Scores(JsonElement root)
    {
        foreach (string key in new[] { "scores", "pooled_metrics" })
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(key, out var scores))
                foreach (var metric in scores.EnumerateObject())
                    foreach (double value in Leaves(metric.Value))
                        yield return (metric.Name, value);
    }

    private static IEnumerable<double> Leaves(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Leaves(p.Value)),
        JsonValueKind.Number => [element.GetDouble()],
        JsonValueKind.String when element.GetString() == "inf" => [double.PositiveInfinity],
        _ => [double.NaN],
    };

    private void Fail(string label, CliRunner.Result r, string what) =>
        _violations.Add($"{label}: {what} (exit {r.ExitCode}; stderr: {Shorten(r.Error)}; stdout: {Shorten(r.Output)})");

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "..." : text.ReplaceLineEndings("⏎");
}
