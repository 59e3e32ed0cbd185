using System.Globalization;
using BrandPortal.Core;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BrandPortal.Cli;

/// <summary>
/// The command line's words in the operator's language: English is written in the code and is the key; German,
/// French, Spanish and Japanese are in Resources/CliText.{de,fr,es,ja}.resx. The language is the process's UI culture
/// (LANG / LC_ALL) unless <c>--language</c> names one. Keys, JSON and CSV the commands print are never translated.
/// </summary>
public sealed class CliText
{
    public static readonly IReadOnlyList<string> Languages = ["en", "de", "fr", "es", "ja"];

    private static readonly IStringLocalizer Localizer = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(CliText));

    /// <summary>A message of the command line, with its values (composite format, <c>{0}</c>…).</summary>
    public static string T(string english, params object[] values) => Localizer[english, values].Value;

    /// <summary>
    /// A service's answer, by its English format; a value that is itself one of the words here (a kind, "never") is
    /// translated too. A message without a translation reads as the service wrote it.
    /// </summary>
    public static string Say(Outcome outcome)
    {
        if (outcome.Format is not { } format) return Word(outcome.Message ?? "");
        var values = outcome.Args.Select(a => a switch
        {
            Enum e => Word(e.ToString()),
            string s => Word(s),
            _ => a,
        }).ToArray();
        return Localizer[format, values].Value;
    }

    /// <summary>A fixed sentence from Core (a refusal, a missing program): translated when it is one of the words here.</summary>
    public static string Word(string english) => english.Length > 0 && Localizer[english] is { ResourceNotFound: false } found ? found.Value : english;

    /// <summary>Takes <c>--language xx</c> (or <c>--language=xx</c>) out of the arguments, wherever it stands.</summary>
    public static (string? Language, string[] Remaining) TakeLanguage(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--language=", StringComparison.Ordinal))
                return (args[i]["--language=".Length..], [.. args[..i], .. args[(i + 1)..]]);
            if (args[i] == "--language")
                return (i + 1 < args.Length ? args[i + 1] : "", [.. args[..i], .. args[Math.Min(i + 2, args.Length)..]]);
        }
        return (null, args);
    }

    /// <summary>Runs <paramref name="run"/> in <paramref name="language"/> and restores the caller's cultures afterwards.</summary>
    public static async Task<int> InLanguageAsync(string? language, Func<Task<int>> run)
    {
        if (language is null) return await run();
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            return await run();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}
