using System.Text.RegularExpressions;
using BrandPortal.Core.Import;

namespace BrandPortal.Cli;

/// <summary>
/// Core's English sentences in the operator's language: the import's summary and problems, an API key's refusal reasons,
/// generate's refusal. Core writes them in English (the API returns the same errors), so they are translated here by
/// their English format: a message with values is matched against the
/// formats Core writes and the values become the arguments of the translation. JSON paths, ids, emails and the
/// lists of allowed words are data and stay as written; a message with no known format is shown as Core wrote it.
/// </summary>
public static partial class CoreText
{
    /// <summary>Core's messages with values, as composite formats of the same English.</summary>
    private static readonly string[] Formats =
    [
        "malformed JSON at line {0}, position {1}: {2}",
        "must be {0}, the id in the URL, or be left out",
        "must be at most {0} characters",
        "must be a valid email address ({0})",
        "must be one of {0}",
        "must be {0} to {1}",
        "unknown currency; use an ISO 4217 code such as {0}",
        "unknown field; the fields are {0}",
        "unknown permission; use one of {0}",
        "duplicate seller id {0}",
        "duplicate brand id {0}",
        "duplicate user email {0}",
        "duplicate customer id {0}",
        "duplicate customer email {0}",
        "duplicate ASIN {0}",
        "duplicate order id {0}",
        "duplicate review id {0}",
        "unknown seller {0}",
        "unknown brand {0}",
        "unknown customer {0}",
        "unknown product {0}",
        "unknown order {0}",
        "order {0} does not contain product {1}",
        "order {0} was placed by customer {1}, not {2}",
        "product {0} appears twice in this order",
        "{0} already signs in as a brand or Support user",
        "{0} already signs in as a customer",
        "{0} belongs to customer {1}",
        "{0} is also a customer's email; one sign-in cannot be both",
        "{0} is listed twice",
        // apikey create's reasons and generate's refusal
        "A account key cannot have the scope \"{0}\"; it may have {1}.",
        "A platform key cannot have the scope \"{0}\"; it may have {1}.",
        "Give the key a name of 1 to {0} characters that says where it is used.",
        "This database already holds generated data (seed {0} or the user {1}); generate into a fresh database.",
    ];

    // The longest literal text first, so that a specific format wins over a general one ("must be 1 to 5" is no id).
    private static readonly (Regex Pattern, string Format)[] Patterns = Formats
        .OrderByDescending(f => Placeholder().Replace(f, "").Length)
        .Select(f => (Compile(f), f)).ToArray();

    /// <summary>"N sellers, N brands, …" as <see cref="ImportSummary.ToString"/> writes it, in the current language.</summary>
    public static string Summary(ImportSummary s) => CliText.T("{0} sellers, {1} brands, {2} users, {3} customers, {4} products, {5} orders, {6} reviews",
        s.Sellers, s.Brands, s.Users, s.Customers, s.Products, s.Orders, s.Reviews);

    /// <summary>One problem: its JSON path as it stands, then the message in the current language.</summary>
    public static string Error(ImportError e) => $"{e.Path}: {Message(e.Message)}";

    public static string Message(string english)
    {
        // A fixed sentence first: "must be 1 to 64 characters …" is one, not the format "must be {0} to {1}".
        if (CliText.Word(english) is var word && !string.Equals(word, english, StringComparison.Ordinal)) return word;
        foreach (var (pattern, format) in Patterns)
        {
            if (pattern.Match(english) is not { Success: true } m) continue;
            var values = m.Groups.Cast<Group>().Skip(1).Select(g => (object)g.Value).ToArray();
            return CliText.T(format, values);
        }
        return CliText.Word(english);
    }

    private static Regex Compile(string format)
    {
        var pattern = "^" + Placeholder().Replace(Regex.Escape(format).Replace(@"\{", "{"), m => "(.+?)") + "$";
        return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
