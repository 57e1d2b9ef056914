using System.Text;
using System.Text.Json;
using Iqa.Gpu.Sweeps.Datasets;
using Iqa.Gpu.Sweeps.Statistics;

namespace Iqa.Gpu.Sweeps.Results;

/// <summary>
/// results.json: one object (System.Text.Json, indented).
/// <code>
/// {"dataset":"KADID-10k","subjective":{"name":"DMOS","direction":"higher_is_better"},"items":10125,
///  "bootstrap":{"resamples":1000,"seed":0,"level":0.95,"method":"percentile",
///               "generator":"xoshiro256** seeded by SplitMix64, indices by Lemire's bounded draw"},
///  "provenance":{"profile":"matlab",...},
///  "metrics":[{"metric":"ssim","items":10125,
///    "raw":{"srcc":{"value":0.72,"p":1.2e-300,"ci":{"lower":0.71,"upper":0.73,"defined_resamples":1000}},
///           "krcc":{...},"plcc":{...},"rmse":{"value":0.41,"ci":{...}}},
///    "fit":{"converged":true,"params":{"b1":..,"b2":..,"b3":..,"b4":..,"b5":..},"sse":..,"start":0,"iterations":14,
///           "converged_starts":5,"failure":null},
///    "fitted":{...same shape as raw, or null when the fit failed},
///    "by_type":[{"type":"Gaussian blur","items":405,"raw":{...},"fitted":{...}}]}]}
/// </code>
/// <c>p</c> is scipy's two-sided p-value of the correlation (none for RMSE; null where scipy's is nan, e.g. SRCC of 2
/// items). No number is ever NaN or infinite. An undefined statistic is
/// <c>{"value":null,"undefined":"reason","p":null,"ci":null}</c>;
/// an interval that could not be formed is <c>"ci":null</c>; a fit that failed has <c>"params":null</c>,
/// <c>"sse":null</c> and its reason in <c>"failure"</c>.
/// </summary>
public static class SweepResultsJson
{
    public static void Write(SweepResults results, string path)
    {
        try
        {
            File.WriteAllText(path, ToJson(results) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IqaException($"cannot write {path}: {e.Message}", e);
        }
    }

    public static string ToJson(SweepResults results)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("dataset", results.Dataset);
            json.WriteStartObject("subjective");
            json.WriteString("name", results.SubjectiveName);
            json.WriteString("direction", results.Direction == ScoreDirection.HigherIsBetter ? "higher_is_better" : "lower_is_better");
            json.WriteEndObject();
            json.WriteNumber("items", results.ItemCount);
            json.WriteStartObject("bootstrap");
            json.WriteNumber("resamples", results.Bootstrap.Resamples);
            json.WriteNumber("seed", results.Bootstrap.Seed);
            json.WriteNumber("level", results.Bootstrap.Level);
            json.WriteString("method", "percentile");
            json.WriteString("generator", "xoshiro256** seeded by SplitMix64, indices by Lemire's bounded draw");
            json.WriteEndObject();
            json.WriteStartObject("provenance");
            foreach (var (key, value) in results.Provenance)
                json.WriteString(key, value);
            json.WriteEndObject();
            json.WriteStartArray("metrics");
            foreach (var metric in results.Metrics)
                WriteMetric(json, metric);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteMetric(Utf8JsonWriter json, MetricAgreement metric)
    {
        json.WriteStartObject();
        json.WriteString("metric", metric.Metric);
        json.WriteNumber("items", metric.Count);
        WriteAgreement(json, "raw", metric.Raw);
        WriteFit(json, metric.Fit);
        WriteAgreement(json, "fitted", metric.Fitted);
        json.WriteStartArray("by_type");
        foreach (var type in metric.ByType)
        {
            json.WriteStartObject();
            json.WriteString("type", type.Type);
            json.WriteNumber("items", type.Count);
            WriteAgreement(json, "raw", type.Raw);
            WriteAgreement(json, "fitted", type.Fitted);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteAgreement(Utf8JsonWriter json, string name, Agreement? agreement)
    {
        if (agreement == null)
        {
            json.WriteNull(name);
            return;
        }
        json.WriteStartObject(name);
        WriteEstimate(json, "srcc", agreement.Srcc);
        WriteEstimate(json, "krcc", agreement.Krcc);
        WriteEstimate(json, "plcc", agreement.Plcc);
        WriteEstimate(json, "rmse", agreement.Rmse);
        json.WriteEndObject();
    }

    private static void WriteEstimate(Utf8JsonWriter json, string name, Estimate estimate)
    {
        json.WriteStartObject(name);
        if (estimate.Statistic.Value is double v)
            json.WriteNumber("value", v);
        else
        {
            json.WriteNull("value");
            json.WriteString("undefined", estimate.Statistic.Undefined);
        }
        if (estimate.Statistic.PValue is double p)
            json.WriteNumber("p", p);
        else if (name != "rmse")
            json.WriteNull("p");
        if (estimate.Interval is { } ci)
        {
            json.WriteStartObject("ci");
            json.WriteNumber("lower", ci.Lower);
            json.WriteNumber("upper", ci.Upper);
            json.WriteNumber("defined_resamples", ci.DefinedResamples);
            json.WriteEndObject();
        }
        else
            json.WriteNull("ci");
        json.WriteEndObject();
    }

    private static void WriteFit(Utf8JsonWriter json, LogisticFitResult fit)
    {
        json.WriteStartObject("fit");
        json.WriteBoolean("converged", fit.Converged);
        if (fit.Parameters is { } b)
        {
            json.WriteStartObject("params");
            for (int j = 0; j < b.Length; j++)
                json.WriteNumber("b" + (j + 1), b[j]);
            json.WriteEndObject();
            json.WriteNumber("sse", fit.Sse);
            json.WriteNumber("start", fit.Start);
            json.WriteNumber("iterations", fit.Iterations);
        }
        else
        {
            json.WriteNull("params");
            json.WriteNull("sse");
            json.WriteNull("start");
            json.WriteNull("iterations");
        }
        json.WriteNumber("converged_starts", fit.ConvergedStarts);
        if (fit.Failure == null)
            json.WriteNull("failure");
        else
            json.WriteString("failure", fit.Failure);
        json.WriteEndObject();
    }
}
