using System.Globalization;
using ExcelDataReader;

namespace Iqa.Gpu.Sweeps.Datasets;

/// <summary>
/// CSIQ (Larson and Chandler, J. Electronic Imaging 2010): the spreadsheet <c>csiq.DMOS.xlsx</c>, sheet
/// <c>all_by_image</c>, with the header <c>image, dst_idx, dst_type, dst_lev, dmos_std, dmos</c> (the header row is
/// found by its cells, wherever it starts: the release's sheet has a leading empty column); references in
/// <c>src_imgs/</c> (<c>1600.png</c>), distorted images in one folder per type under <c>dst_imgs/</c>
/// (<c>dst_imgs/awgn/1600.AWGN.1.png</c>): dst_type noise = awgn/AWGN, jpeg = jpeg/JPEG, "jpeg 2000" =
/// jpeg2000/jpeg2000, fnoise = fnoise/fnoise (1/f pink noise), blur = blur/BLUR, contrast = contrast/contrast.
/// Names are matched without regard to case. DMOS on 0..1, higher is worse. Read with ExcelDataReader.
/// </summary>
public static class CsiqReader
{
    public const string Name = "CSIQ";

    public const string Sheet = "all_by_image";

    private static readonly Dictionary<string, (string Folder, string Tag, string Type)> Distortions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["noise"] = ("awgn", "AWGN", "Additive white Gaussian noise"),
        ["jpeg"] = ("jpeg", "JPEG", "JPEG"),
        ["jpeg 2000"] = ("jpeg2000", "jpeg2000", "JPEG 2000"),
        ["fnoise"] = ("fnoise", "fnoise", "Additive pink Gaussian noise"),
        ["blur"] = ("blur", "BLUR", "Gaussian blur"),
        ["contrast"] = ("contrast", "contrast", "Global contrast decrements"),
    };

    private static readonly string[] Header = ["image", "dst_type", "dst_lev", "dmos"];

    // ExcelDataReader asks for Windows-1252 even for .xlsx; .NET only has it through the code-pages provider.
    static CsiqReader() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    public static Dataset Read(string root)
    {
        var folder = new DatasetFolder(Name, root);
        string book = folder.RequireFile("csiq.DMOS.xlsx");
        var rows = SheetRows(book);
        int headerRow = rows.FindIndex(r => Header.All(h => r.Any(c => Text(c) == h)));
        if (headerRow < 0)
            throw new IqaException($"{Name}: {book}: sheet {Sheet} has no header row with the cells {string.Join(", ", Header)}");
        var columns = Header.Select(h => rows[headerRow].FindIndex(c => Text(c) == h)).ToArray();
        var items = new List<DatasetItem>();
        for (int r = headerRow + 1; r < rows.Count; r++)
        {
            var row = rows[r];
            var cells = columns.Select(c => c < row.Count ? row[c] : null).ToArray();
            if (cells.All(c => c == null || Text(c).Length == 0))
                continue;
            var source = new Source(Name, book, r + 1, $"sheet {Sheet} row");
            string image = Text(cells[0]), type = Text(cells[1]);
            if (!Distortions.TryGetValue(type, out var d))
                throw source.Error($"unknown dst_type '{type}'");
            int level = cells[2] is double l && l == Math.Floor(l) && l >= 1 ? (int)l
                : throw source.Error($"dst_lev '{Text(cells[2])}' is not a level 1, 2...");
            double dmos = cells[3] is double v && double.IsFinite(v) ? v
                : throw source.Error($"dmos '{Text(cells[3])}' is not a number");
            if (image.Length == 0)
                throw source.Error("no image name");
            string id = $"{image}.{d.Tag}.{level}";
            items.Add(new DatasetItem(id, folder.RequireImage(Path.Combine("src_imgs", image + ".png"), source),
                folder.RequireImage(Path.Combine("dst_imgs", d.Folder, id + ".png"), source), dmos, d.Type));
        }
        return new Dataset(Name, "DMOS", ScoreDirection.LowerIsBetter, items);
    }

    /// <summary>The cells of the sheet, row by row (numbers as double, text as string, empty as null).</summary>
    private static List<List<object?>> SheetRows(string book)
    {
        try
        {
            using var stream = File.OpenRead(book);
            using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
            do
            {
                if (reader.Name != Sheet)
                    continue;
                var rows = new List<List<object?>>();
                while (reader.Read())
                {
                    var row = new List<object?>(reader.FieldCount);
                    for (int c = 0; c < reader.FieldCount; c++)
                        row.Add(reader.GetValue(c));
                    rows.Add(row);
                }
                return rows;
            } while (reader.NextResult());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException
                                    or ExcelDataReader.Exceptions.ExcelReaderException)
        {
            throw new IqaException($"{Name}: cannot read {book}: {e.Message}", e);
        }
        throw new IqaException($"{Name}: {book} has no sheet '{Sheet}'");
    }

    /// <summary>A cell as text: integers without a decimal point (the image column holds numbers such as 1600).</summary>
    private static string Text(object? cell) => cell switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(cell, CultureInfo.InvariantCulture)!.Trim(),
    };
}
