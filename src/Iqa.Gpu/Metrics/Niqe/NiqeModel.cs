using System.Text.Json;

namespace Iqa.Gpu.Metrics.Niqe;

/// <summary>
/// A NIQE multivariate Gaussian model: the mean (36) and covariance (36×36) of the block features of pristine
/// images. <see cref="Default"/> is the LIVE NIQE release's <c>modelparameters.mat</c> (mu_prisparam,
/// cov_prisparam), embedded as JSON with its attribution notice (NIQE_MODEL_NOTICE.txt). The JSON format is
/// described in docs/niqe-model.md.
/// </summary>
public sealed class NiqeModel
{
    public const int FeatureCount = NiqeFeatures.PerBlock;
    private const string DefaultResource = "Iqa.Gpu.Metrics.Niqe.niqe_pristine_model.json";

    private static readonly Lazy<NiqeModel> DefaultModel = new(LoadDefault);

    private readonly double[] _mean;
    private readonly double[,] _covariance;

    /// <summary>Validates and copies the numbers; <paramref name="source"/> names them in error messages.</summary>
    public NiqeModel(double[] mean, double[,] covariance, string? description = null, string source = "model")
    {
        Validate(mean, covariance, source);
        _mean = (double[])mean.Clone();
        _covariance = (double[,])covariance.Clone();
        Description = description;
    }

    /// <summary>The LIVE NIQE release's pristine model.</summary>
    public static NiqeModel Default => DefaultModel.Value;

    public string? Description { get; }

    public IReadOnlyList<double> Mean => _mean;

    public double Covariance(int row, int column) => _covariance[row, column];

    internal double[] MeanArray => _mean;
    internal double[,] CovarianceArray => _covariance;

    /// <summary>Reads a model JSON file; any problem with it is an <see cref="IqaException"/> naming the file.</summary>
    public static NiqeModel Load(string path)
    {
        if (!File.Exists(path))
            throw new IqaException($"NIQE model file not found: {path}");
        using var stream = File.OpenRead(path);
        return Parse(stream, path);
    }

    /// <summary>Writes the model as JSON (numbers in shortest round-trip form, so <see cref="Load"/> gives it back exactly).</summary>
    public void Save(string path)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        if (Description != null)
            json.WriteString("description", Description);
        json.WriteStartArray("mu");
        foreach (double v in _mean)
            json.WriteNumberValue(v);
        json.WriteEndArray();
        json.WriteStartArray("cov");
        for (int i = 0; i < FeatureCount; i++)
        {
            json.WriteStartArray();
            for (int j = 0; j < FeatureCount; j++)
                json.WriteNumberValue(_covariance[i, j]);
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    internal static NiqeModel Parse(Stream stream, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new IqaException($"NIQE model {source}: not valid JSON ({OneLine(e.Message)})");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new IqaException($"NIQE model {source}: expected a JSON object with \"mu\" and \"cov\"");
            var mean = ReadVector(Property(root, "mu", source), "mu", source);
            var rows = Property(root, "cov", source);
            if (rows.ValueKind != JsonValueKind.Array || rows.GetArrayLength() != FeatureCount)
                throw new IqaException($"NIQE model {source}: \"cov\" must be an array of {FeatureCount} rows");
            var cov = new double[FeatureCount, FeatureCount];
            int i = 0;
            foreach (var row in rows.EnumerateArray())
            {
                var values = ReadVector(row, $"cov row {i + 1}", source);
                for (int j = 0; j < FeatureCount; j++)
                    cov[i, j] = values[j];
                i++;
            }
            string? description = root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String
                ? d.GetString()
                : null;
            return new NiqeModel(mean, cov, description, source);
        }
    }

    private static JsonElement Property(JsonElement root, string name, string source) =>
        root.TryGetProperty(name, out var value)
            ? value
            : throw new IqaException($"NIQE model {source}: missing \"{name}\"");

    private static double[] ReadVector(JsonElement element, string what, string source)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != FeatureCount)
            throw new IqaException($"NIQE model {source}: {what} must be an array of {FeatureCount} numbers");
        var values = new double[FeatureCount];
        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out values[i]))
                throw new IqaException($"NIQE model {source}: {what} entry {i + 1} is not a number");
            i++;
        }
        return values;
    }

    private static void Validate(double[] mean, double[,] cov, string source)
    {
        if (mean.Length != FeatureCount || cov.GetLength(0) != FeatureCount || cov.GetLength(1) != FeatureCount)
            throw new IqaException($"NIQE model {source}: needs a mean of {FeatureCount} and a {FeatureCount}x{FeatureCount} covariance");
        for (int i = 0; i < FeatureCount; i++)
            if (!double.IsFinite(mean[i]))
                throw new IqaException($"NIQE model {source}: mu entry {i + 1} is not finite");
        double scale = 0;
        foreach (double v in cov)
        {
            if (!double.IsFinite(v))
                throw new IqaException($"NIQE model {source}: the covariance has a non-finite entry");
            scale = Math.Max(scale, Math.Abs(v));
        }
        for (int i = 0; i < FeatureCount; i++)
            for (int j = i + 1; j < FeatureCount; j++)
                if (Math.Abs(cov[i, j] - cov[j, i]) > 1e-12 * scale)
                    throw new IqaException($"NIQE model {source}: the covariance is not symmetric (entries {i + 1},{j + 1} and {j + 1},{i + 1} differ)");
        // A sample covariance is positive semidefinite; eigenvalues may dip below zero only by rounding.
        double smallest = SymmetricPseudoInverse.Eigen(cov).Values.Min();
        if (smallest < -1e-10 * scale)
            throw new IqaException($"NIQE model {source}: the covariance is not positive semidefinite (eigenvalue {smallest:G6})");
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static NiqeModel LoadDefault()
    {
        using var stream = typeof(NiqeModel).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"embedded resource {DefaultResource} is missing");
        return Parse(stream, "(embedded LIVE pristine model)");
    }
}
