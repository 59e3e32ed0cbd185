using System.Text.RegularExpressions;
using System.Xml.Linq;
using BrandPortal.Core;
using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Reviews;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;

namespace BrandPortal.Web.Tests.Localization;

/// <summary>
/// Every key the portal's code asks a localizer for is translated: the keys are read from the sources (a view's
/// <c>L["…"]</c>, <c>S["…"]</c> of an <c>IStringLocalizer&lt;Marker&gt; S</c> in a page model or a class, the
/// DataAnnotations messages) and each must be in the German, French, Spanish and Japanese .resx of its base name, with
/// the same {n} placeholders; and every set of .resx files holds the same keys in all four languages.
/// </summary>
public sealed partial class ResourceKeyTests(ITestOutputHelper output)
{
    private static readonly string[] Languages = ["de", "fr", "es", "ja"];

    private static readonly string Root = FindRoot();
    private static readonly string Web = Path.Combine(Root, "src", "BrandPortal.Web");
    private static readonly string Resources = Path.Combine(Web, "Resources");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BrandPortal.sln"))) return dir.FullName;
        throw new InvalidOperationException("BrandPortal.sln not found above the test's directory");
    }

    [Fact]
    public void KeysUsedInCode_EachResourceOfItsBaseName_HasThemInEveryLanguageWithTheSamePlaceholders()
    {
        var used = UsedKeys();
        used.Should().NotBeEmpty();
        var problems = new List<string>();
        foreach (var ((baseName, key), where) in used.OrderBy(u => u.Key.Base).ThenBy(u => u.Key.Key, StringComparer.Ordinal))
            foreach (var language in Languages)
            {
                var entries = Read($"{baseName}.{language}.resx");
                if (entries is null) problems.Add($"{where}: {Rel(baseName)}.{language}.resx is missing (for \"{key}\")");
                else if (!entries.TryGetValue(key, out var value) || value.Length == 0) problems.Add($"{where}: {Rel(baseName)}.{language}.resx lacks \"{key}\"");
                else if (!Placeholders(value).SetEquals(Placeholders(key))) problems.Add($"{Rel(baseName)}.{language}.resx: \"{value}\" has other placeholders than \"{key}\"");
            }
        output.WriteLine($"{used.Count} keys used in code");
        problems.Should().BeEmpty();
    }

    [Fact]
    public void ResourceFiles_EveryBaseName_HasTheSameKeysAndPlaceholdersInAllFourLanguages()
    {
        var problems = new List<string>();
        var bases = Directory.EnumerateFiles(Resources, "*.resx", SearchOption.AllDirectories)
            .Select(f => ResxName().Match(f)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct().ToList();
        bases.Should().NotBeEmpty();
        foreach (var baseName in bases)
        {
            var files = Languages.ToDictionary(l => l, l => Read($"{baseName}.{l}.resx"));
            foreach (var (language, entries) in files.Where(f => f.Value is null)) problems.Add($"{Rel(baseName)}.{language}.resx is missing");
            var all = files.Values.Where(e => e is not null).SelectMany(e => e!.Keys).ToHashSet(StringComparer.Ordinal);
            foreach (var (language, entries) in files.Where(f => f.Value is not null))
            {
                foreach (var key in all.Where(k => !entries!.ContainsKey(k))) problems.Add($"{Rel(baseName)}.{language}.resx lacks \"{key}\"");
                foreach (var (key, value) in entries!.Where(e => !Placeholders(e.Value).SetEquals(Placeholders(e.Key))))
                    problems.Add($"{Rel(baseName)}.{language}.resx: \"{value}\" has other placeholders than \"{key}\"");
            }
        }
        output.WriteLine($"{bases.Count} resource base names");
        problems.Should().BeEmpty();
    }

    /// <summary>
    /// The build compiles a .resx with resource names compared without case and drops the second of two names that
    /// differ only in case (warning MSB3568): "reviews" next to "Reviews" would stay English in every language.
    /// </summary>
    [Fact]
    public void ResourceFiles_NoTwoKeysOfOneFile_DifferOnlyInCase()
    {
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Resources, "*.resx", SearchOption.AllDirectories))
        {
            var names = XDocument.Load(file).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToList();
            foreach (var twins in names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                problems.Add($"{Path.GetRelativePath(Resources, file)}: {string.Join(", ", twins.Select(n => $"\"{n}\""))}");
        }
        problems.Should().BeEmpty();
    }

    /// <summary>Every (base name, key) the sources ask for, with the file that asks.</summary>
    private static Dictionary<(string Base, string Key), string> UsedKeys()
    {
        var used = new Dictionary<(string, string), string>();
        var markers = MarkerBaseNames();
        foreach (var file in Directory.EnumerateFiles(Web, "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
                                 && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var source = File.ReadAllText(file);
            var where = Path.GetRelativePath(Root, file);
            if (file.EndsWith(".cshtml", StringComparison.Ordinal))
            {
                // A view's IViewLocalizer reads Resources/<the view's path>.
                var view = Path.Combine(Resources, Path.ChangeExtension(Path.GetRelativePath(Web, file), null));
                foreach (var key in Literals(source, "L")) used[(view, key)] = where;
            }
            foreach (Match declaration in Declaration().Matches(source))
            {
                if (!markers.TryGetValue(declaration.Groups[1].Value, out var baseName))
                    throw new InvalidOperationException($"{where}: no class {declaration.Groups[1].Value} in the Web project");
                foreach (var key in Literals(source, declaration.Groups[2].Value)) used[(baseName, key)] = where;
            }
            // Display is static: its localizer is a field, Words, over DisplayText.
            if (file.EndsWith($"{Path.DirectorySeparatorChar}Display.cs", StringComparison.Ordinal))
                foreach (var key in Literals(source, "Words")) used[(markers["DisplayText"], key)] = where;
            foreach (Match message in ErrorMessage().Matches(source))
                used[(markers["ValidationText"], Unescape(message.Groups[1].Value))] = where;
        }
        // Keys made from Core's English names (Display, the permission words, the dashboard's periods).
        foreach (var reason in Enum.GetValues<ContactReason>()) used[(markers["DisplayText"], Wording.Reason(reason))] = "Pages/Display.cs";
        foreach (var frequency in Enum.GetValues<AlertFrequency>()) used[(markers["DisplayText"], Wording.Frequency(frequency))] = "Pages/Display.cs";
        foreach (var entry in PermissionCatalogue.Entries)
        {
            used[(markers["PermissionText"], entry.Name)] = "Localization/PermissionText.cs";
            used[(markers["PermissionText"], entry.Header)] = "Localization/PermissionText.cs";
        }
        foreach (var level in Enum.GetValues<PermissionLevel>()) used[(markers["PermissionText"], PermissionCatalogue.LevelName(level))] = "Localization/PermissionText.cs";
        foreach (var period in BrandPortal.Web.Pages.Brands.IndexModel.Periods)
            used[(Path.Combine(Resources, "Pages", "Brands", "Index"), ReviewFilterSummary.Period(period))] = "Pages/Brands/Index.cshtml";
        return used;
    }

    /// <summary>Each class of the Web project, by name, with the resource base name ASP.NET Core gives it (its namespace under Resources/).</summary>
    private static Dictionary<string, string> MarkerBaseNames()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in typeof(SharedResource).Assembly.GetTypes().Where(t => t.IsClass && !t.IsNested && t.Namespace is not null))
        {
            var relative = type.FullName!["BrandPortal.Web".Length..].TrimStart('.').Replace('.', Path.DirectorySeparatorChar);
            names.TryAdd(type.Name, Path.Combine(Resources, relative));
        }
        return names;
    }

    private static IEnumerable<string> Literals(string source, string variable)
        => Regex.Matches(source, $@"(?<![\w.]){Regex.Escape(variable)}\[\s*""((?:[^""\\]|\\.)*)""").Select(m => Unescape(m.Groups[1].Value));

    private static string Unescape(string literal) => Regex.Unescape(literal);

    private static Dictionary<string, string>? Read(string path)
        => File.Exists(path)
            ? XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal)
            : null;

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();

    private static string Rel(string path) => Path.GetRelativePath(Root, path);

    [GeneratedRegex(@"IStringLocalizer<(\w+)>\??\s+(\w+)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"ErrorMessage\s*=\s*""((?:[^""\\]|\\.)*)""")]
    private static partial Regex ErrorMessage();

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^(.*)\.(de|fr|es|ja)\.resx$")]
    private static partial Regex ResxName();
}
