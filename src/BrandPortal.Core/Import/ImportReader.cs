using System.Globalization;
using System.Text.Json;
using BrandPortal.Core.Data.Entities;

namespace BrandPortal.Core.Import;

/// <summary>
/// Reads an import file into records, collecting every problem of shape and value with its JSON path
/// instead of stopping at the first one. References between records are checked later by <see cref="ImportService"/>.
/// </summary>
public sealed partial class ImportReader
{
    private readonly List<ImportError> _errors = [];

    private static readonly JsonDocumentOptions ParseOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 32 };

    public static (ImportFile? File, IReadOnlyList<ImportError> Errors) Read(string json) => Read(() => JsonDocument.Parse(json, ParseOptions));

    /// <summary>The file as UTF-8 bytes (an HTTP body), read without copying it into a string first.</summary>
    public static (ImportFile? File, IReadOnlyList<ImportError> Errors) Read(ReadOnlyMemory<byte> utf8) => Read(() => JsonDocument.Parse(utf8, ParseOptions));

    private static (ImportFile? File, IReadOnlyList<ImportError> Errors) Read(Func<JsonDocument> parse)
    {
        var (doc, error) = Parse(parse);
        if (doc is null) return (null, [error!]);
        using (doc) return Read(doc.RootElement);
    }

    /// <summary>Parses UTF-8 JSON the way files are parsed (depth at most 32, comments skipped), or says where it is malformed.</summary>
    public static (JsonDocument? Document, ImportError? Error) Parse(ReadOnlyMemory<byte> utf8) => Parse(() => JsonDocument.Parse(utf8, ParseOptions));

    private static (JsonDocument? Document, ImportError? Error) Parse(Func<JsonDocument> parse)
    {
        try
        {
            return (parse(), null);
        }
        catch (JsonException ex)
        {
            return (null, new ImportError(ex.Path is { Length: > 0 } p ? p : "$",
                $"malformed JSON at line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}: {FirstSentence(ex.Message)}"));
        }
    }

    /// <summary>A parsed file's root object.</summary>
    public static (ImportFile? File, IReadOnlyList<ImportError> Errors) Read(JsonElement root)
    {
        var reader = new ImportReader();
        var file = reader.ReadRoot(root);
        return (reader._errors.Count == 0 ? file : null, reader._errors);
    }

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(" Path:", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message;
    }

    public static IReadOnlySet<string> KnownSections { get; } = new HashSet<string>(["sellers", "brands", "users", "customers", "products", "orders", "reviews"]);

    private ImportFile? ReadRoot(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            Error("$", "the file must be a JSON object with the sections sellers, brands, users, customers, products, orders and reviews");
            return null;
        }
        foreach (var p in root.EnumerateObject())
            if (!KnownSections.Contains(p.Name)) Error($"$.{p.Name}", "unknown section");

        return new ImportFile(
            Section(root, "sellers", ReadSeller),
            Section(root, "brands", ReadBrand),
            Section(root, "users", ReadUser),
            Section(root, "customers", ReadCustomer),
            Section(root, "products", ReadProduct),
            Section(root, "orders", ReadOrder),
            Section(root, "reviews", ReadReview));
    }

    private List<T> Section<T>(JsonElement root, string name, Func<JsonElement, string, T?> read) where T : class
    {
        var list = new List<T>();
        if (!root.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null) return list;
        if (array.ValueKind != JsonValueKind.Array)
        {
            Error($"$.{name}", "must be an array");
            return list;
        }
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"$.{name}[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                Error(path, "must be an object");
                continue;
            }
            if (read(item, path) is { } record) list.Add(record);
        }
        return list;
    }

    // ---- value readers: each records its own error and returns null on failure ----

    private void Error(string path, string message) => _errors.Add(new ImportError(path, message));

    /// <summary>A field the format does not have is refused, not ignored: a misspelt optional field would otherwise be lost silently.</summary>
    private void OnlyFields(JsonElement e, string path, params string[] known)
    {
        foreach (var p in e.EnumerateObject())
            if (Array.IndexOf(known, p.Name) < 0) Error($"{path}.{p.Name}", $"unknown field; the fields are {string.Join(", ", known)}");
    }

    private string? RawString(JsonElement e, string path, string name, bool required)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required) Error($"{path}.{name}", "required");
            return null;
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            Error($"{path}.{name}", "must be a string");
            return null;
        }
        return v.GetString();
    }

    private string? Id(JsonElement e, string path, string name)
    {
        var s = RawString(e, path, name, required: true);
        if (s is null) return null;
        if (s.Length is 0 or > 64 || s.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            Error($"{path}.{name}", "must be 1 to 64 characters without spaces or control characters");
            return null;
        }
        return s;
    }

    private string? Text(JsonElement e, string path, string name, int max, bool allowEmpty = false)
    {
        var s = RawString(e, path, name, required: true);
        if (s is null) return null;
        return CheckText(s, $"{path}.{name}", max, allowEmpty);
    }

    private string? OptionalText(JsonElement e, string path, string name, int max)
    {
        var s = RawString(e, path, name, required: false);
        return s is null ? null : CheckText(s, $"{path}.{name}", max, allowEmpty: false);
    }

    private string? CheckText(string s, string path, int max, bool allowEmpty)
    {
        if (!allowEmpty && string.IsNullOrWhiteSpace(s)) { Error(path, "must not be empty"); return null; }
        if (s.Length > max) { Error(path, $"must be at most {max} characters"); return null; }
        if (s.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')) { Error(path, "must not contain control characters"); return null; }
        return s;
    }

    private string? Email(JsonElement e, string path, string name)
    {
        var s = Text(e, path, name, 254);
        if (s is null) return null;
        // The portal's one normaliser: a file cannot bring in a lookalike (full-width, trailing dot) of an existing user.
        var check = Access.EmailAddresses.Normalize(s);
        if (!check.Valid)
        {
            Error($"{path}.{name}", $"must be a valid email address ({check.Error})");
            return null;
        }
        return check.Address;
    }

    private string? Asin(JsonElement e, string path, string name)
    {
        var s = RawString(e, path, name, required: true);
        if (s is null) return null;
        if (s.Length != 10 || !s.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9')))
        {
            Error($"{path}.{name}", "an ASIN is 10 upper-case letters or digits");
            return null;
        }
        return s;
    }

    private bool Bool(JsonElement e, string path, string name, bool required)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required) Error($"{path}.{name}", "required: true or false");
            return false;
        }
        if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Error($"{path}.{name}", "must be true or false");
            return false;
        }
        return v.GetBoolean();
    }

    private T? Enum<T>(JsonElement e, string path, string name) where T : struct, System.Enum
    {
        var s = RawString(e, path, name, required: true);
        if (s is null) return null;
        if (!System.Enum.TryParse<T>(s, ignoreCase: false, out var value) || !System.Enum.IsDefined(value) || int.TryParse(s, out _))
        {
            Error($"{path}.{name}", $"must be one of {string.Join(", ", System.Enum.GetNames<T>())}");
            return null;
        }
        return value;
    }

    private int? Integer(JsonElement e, string path, string name, int min, int max)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) { Error($"{path}.{name}", "required"); return null; }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var i)) { Error($"{path}.{name}", "must be a whole number"); return null; }
        if (i < min || i > max) { Error($"{path}.{name}", $"must be {min} to {max}"); return null; }
        return i;
    }

    private decimal? Money(JsonElement e, string path, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) { Error($"{path}.{name}", "required"); return null; }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var d)) { Error($"{path}.{name}", "must be a number"); return null; }
        if (d < 0 || d > 1_000_000m) { Error($"{path}.{name}", "must be 0 to 1,000,000"); return null; }
        if (decimal.Round(d, 2) != d) { Error($"{path}.{name}", "at most two decimal places"); return null; }
        return d;
    }

    private string? Currency(JsonElement e, string path, string name)
    {
        var s = RawString(e, path, name, required: true);
        if (s is null) return null;
        if (!Currencies.IsKnown(s))
        {
            Error($"{path}.{name}", $"unknown currency; use an ISO 4217 code such as {string.Join(", ", Currencies.Marketplace)}");
            return null;
        }
        return s;
    }

    private DateTimeOffset? Date(JsonElement e, string path, string name)
    {
        var s = RawString(e, path, name, required: true);
        if (s is null) return null;
        if (!DateTimeOffset.TryParseExact(s, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var d) || !(s.EndsWith('Z') || s.Length > 19 && (s[^6] == '+' || s[^6] == '-')))
        {
            Error($"{path}.{name}", "must be an ISO 8601 date and time with a zone, e.g. 2026-05-01T10:00:00Z");
            return null;
        }
        if (d.Year < 1995 || d.Year > 2100) { Error($"{path}.{name}", "must be between 1995 and 2100"); return null; }
        return d.ToUniversalTime();
    }

    private List<string> StringArray(JsonElement e, string path, string name)
    {
        var list = new List<string>();
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return list;
        if (v.ValueKind != JsonValueKind.Array) { Error($"{path}.{name}", "must be an array of ids"); return list; }
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            var ip = $"{path}.{name}[{i++}]";
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString())) { Error(ip, "must be an id"); continue; }
            var s = item.GetString()!;
            if (list.Contains(s)) Error(ip, $"{s} is listed twice");
            else list.Add(s);
        }
        return list;
    }
}
