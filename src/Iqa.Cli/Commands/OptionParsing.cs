using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Iqa.Gpu;

namespace Iqa.Cli.Commands;

/// <summary>
/// Typed options whose values are parsed and checked while the command line is parsed: a bad value is a usage error
/// (one line on stderr, exit 1) that names the option and what it accepts, never a .NET type.
/// </summary>
public static class OptionParsing
{
    /// <summary>An option whose text is turned into <typeparamref name="T"/> by <paramref name="parse"/> (which throws <see cref="IqaException"/>).</summary>
    public static Option<T> Create<T>(string name, string description, Func<string, T> parse, params string[] aliases) =>
        new(name, aliases)
        {
            Description = description,
            CustomParser = result => Parse(result, parse),
        };

    /// <summary>An integer option within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<long> Integer(string name, string description, long min, long max, long defaultValue) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => Parse(result, text => Integer(name, text, min, max)),
        };

    /// <summary>An integer option within [<paramref name="min"/>, <paramref name="max"/>] that may be left out (null).</summary>
    public static Option<long?> OptionalInteger(string name, string description, long min, long max) =>
        new(name)
        {
            Description = description,
            CustomParser = result => Parse<long?>(result, text => Integer(name, text, min, max)),
        };

    /// <summary>
    /// Makes a word that looks like an option (<c>--bogus</c>) an error rather than a file name when no such file exists:
    /// System.CommandLine hands unknown options to positional arguments.
    /// </summary>
    public static Argument<T> RejectingOptions<T>(this Argument<T> argument)
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (token.Value.StartsWith('-') && token.Value.Length > 1 && !File.Exists(token.Value))
                    result.AddError($"unknown option '{token.Value}'");
        });
        return argument;
    }

    public static long Integer(string name, string text, long min, long max) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) && value >= min && value <= max
            ? value
            : throw new IqaException($"invalid {name} '{text}' (an integer from {min} to {max})");

    private static T? Parse<T>(ArgumentResult result, Func<string, T> parse)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        try
        {
            return parse(text);
        }
        catch (IqaException e)
        {
            result.AddError(e.Message);
            return default;
        }
    }
}
