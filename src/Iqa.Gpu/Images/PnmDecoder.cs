namespace Iqa.Gpu.Images;

/// <summary>
/// Binary Netpbm images as netpbm's pbm(5), pgm(5) and ppm(5) define them: P4 (bitmap, 1 = black), P5 (gray),
/// P6 (RGB); a header of ASCII numbers (width, height, maxval) separated by whitespace and <c>#</c> comments,
/// one whitespace byte, then the raster, 16-bit samples most significant byte first.
/// Maxval 255 gives 8-bit samples and 65535 16-bit samples, exactly as stored; other maxvals would need a
/// rescaling and are refused, as are plain (ASCII) P1-P3 files.
/// ImageSharp 2.1's PNM decoder is not used: it reads 16-bit samples in the wrong byte order, skips raster
/// bytes that look like whitespace or a comment after the header, and rescales other maxvals approximately.
/// </summary>
internal static class PnmDecoder
{
    // Generous for comments (GIMP writes one line), small enough that a non-PNM file is not scanned whole.
    private const int MaxHeaderBytes = 4096;

    public static bool IsWhitespace(int b) => b is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    public static DecodedImage Decode(Stream stream, string path, long maxPixels)
    {
        var header = new Header(stream, path);
        int kind = header.Kind;
        if (kind is < '4' or > '6')
            throw Bad(path, $"plain (ASCII) P{(char)kind} files are not supported: save the image as binary P4, P5 or P6");
        int width = header.Number("width"), height = header.Number("height");
        int maxValue = kind == '4' ? 1 : header.Number("maxval");
        if (kind != '4' && maxValue is not (255 or 65535))
            throw Bad(path, $"maxval {maxValue} is not supported (255 for 8-bit or 65535 for 16-bit samples)");
        ImageDecoder.CheckSize(path, width, height, maxPixels);

        int bands = kind == '6' ? 3 : 1, bytesPerSample = maxValue > 255 ? 2 : 1;
        long samples = (long)width * height * bands;
        int rowBytes = kind == '4' ? (width + 7) / 8 : checked(width * bands * bytesPerSample);
        var row = new byte[rowBytes];
        var bytes = bytesPerSample == 1 ? new byte[samples] : null;
        var words = bytesPerSample == 2 ? new ushort[samples] : null;
        for (int y = 0; y < height; y++)
        {
            if (stream.ReadAtLeast(row, rowBytes, throwOnEndOfStream: false) < rowBytes)
                throw Bad(path, $"truncated pixel data (row {y + 1} of {height})");
            long start = (long)y * width * bands;
            if (kind == '4')
                for (int x = 0; x < width; x++)
                    bytes![start + x] = (row[x >> 3] & (0x80 >> (x & 7))) != 0 ? (byte)0 : (byte)255;
            else if (words is null)
                row.CopyTo(bytes.AsSpan((int)start, rowBytes));
            else
                for (int i = 0; i < rowBytes / 2; i++)
                    words[start + i] = (ushort)(row[2 * i] << 8 | row[2 * i + 1]);
        }
        // Netpbm allows several images in one file; scoring the first one silently would be wrong.
        Span<byte> next = stackalloc byte[2];
        if (stream.ReadAtLeast(next, 2, throwOnEndOfStream: false) == 2 && next[0] == 'P' && next[1] is >= (byte)'1' and <= (byte)'6')
            throw Bad(path, "the file holds several images; only single images are scored");
        return words is null ? new DecodedImage(width, height, bands, bytes!) : new DecodedImage(width, height, bands, words);
    }

    private static IqaException Bad(string path, string why) => new($"{path}: cannot decode PNM image ({why})");

    /// <summary>Reads the header byte by byte, so the raster starts exactly after the whitespace that ends it.</summary>
    private sealed class Header
    {
        private readonly Stream _stream;
        private readonly string _path;
        private int _read;

        public Header(Stream stream, string path)
        {
            _stream = stream;
            _path = path;
            Next(); // 'P': the caller has checked the signature
            Kind = Next();
        }

        /// <summary>The digit after 'P'.</summary>
        public int Kind { get; }

        /// <summary>A decimal number after whitespace and comments, and the one whitespace byte that ends it.</summary>
        public int Number(string what)
        {
            int b = Next();
            while (IsWhitespace(b) || b == '#')
            {
                if (b == '#')
                    while (b >= 0 && b is not ('\n' or '\r'))
                        b = Next();
                b = Next();
            }
            long value = 0;
            int digits = 0;
            for (; b is >= '0' and <= '9'; b = Next(), digits++)
                if ((value = value * 10 + (b - '0')) > int.MaxValue)
                    throw Bad(_path, $"{what} is too large");
            if (digits == 0)
                throw Bad(_path, b < 0 ? $"the header ends before the {what}" : $"{what} expected, found byte 0x{b:x2}");
            if (!IsWhitespace(b))
                throw Bad(_path, b < 0 ? $"the header ends after the {what}" : $"whitespace expected after the {what}, found byte 0x{b:x2}");
            if (value == 0)
                throw Bad(_path, $"{what} is 0");
            return (int)value;
        }

        private int Next()
        {
            if (++_read > MaxHeaderBytes)
                throw Bad(_path, $"header longer than {MaxHeaderBytes} bytes");
            return _stream.ReadByte();
        }
    }
}
