using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Email;
using BrandPortal.Core.Hosting;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Email;

/// <summary>
/// Pins the rendered output of every fixed template in every customer language (English for US and UK, German,
/// French, Spanish, Japanese). After a deliberate template change, regenerate the golden files with
/// UPDATE_GOLDEN=1 dotnet test --filter ContactEmailsGoldenTests and review the diff.
/// </summary>
public sealed class ContactEmailsGoldenTests
{
    private static readonly ContactEmailFacts Facts = new(
        "Jane <b>Doe</b>", "Acme & Sons", "Acme Hand Blender <Pro>", "111-0000031-0000217",
        new DateTimeOffset(2026, 9, 10, 4, 25, 0, TimeSpan.Zero), 59.98m, "USD");

    private const string BaseUrl = "https://portal.example.com/";

    public static TheoryData<string> Templates => new() { ContactEmails.CourtesyRefund, ContactEmails.CustomerSupport, ContactEmails.BrandAnswered };

    /// <summary>Each template in each marketplace's language, paid in that marketplace's currency.</summary>
    public static TheoryData<string, Marketplace> TemplatesByMarketplace
    {
        get
        {
            var data = new TheoryData<string, Marketplace>();
            foreach (var template in new[] { ContactEmails.CourtesyRefund, ContactEmails.CustomerSupport, ContactEmails.BrandAnswered })
            foreach (var m in new[] { Marketplace.US, Marketplace.DE, Marketplace.FR, Marketplace.ES, Marketplace.JP })
                data.Add(template, m);
            return data;
        }
    }

    private static ContactEmailFacts In(Marketplace m) => m switch
    {
        Marketplace.US => Facts,
        Marketplace.JP => Facts with { Marketplace = m, RefundAmount = 4500m, Currency = "JPY" },
        _ => Facts with { Marketplace = m, RefundAmount = 1234.5m, Currency = "EUR" },
    };

    [Theory]
    [MemberData(nameof(TemplatesByMarketplace))]
    public void Template_RenderedWithHostileValues_MatchesGoldenFiles(string template, Marketplace marketplace)
    {
        var email = Render(template, In(marketplace));
        var name = marketplace == Marketplace.US ? template : $"{template}.{CustomerLanguage.Of(marketplace).Code}";
        Golden($"{name}.subject.txt", email.Subject);
        Golden($"{name}.txt", email.Text);
        Golden($"{name}.html", email.Html);
        email.Html.Should().Contain($"<html lang=\"{CustomerLanguage.Of(marketplace).Code}\">");
    }

    [Theory]
    [InlineData(Marketplace.US, "Hello Jane,", "10 September 2026")]
    [InlineData(Marketplace.UK, "Hello Jane,", "10 September 2026")]
    [InlineData(Marketplace.DE, "Hallo Jane,", "10. September 2026")]
    [InlineData(Marketplace.FR, "Bonjour Jane,", "10 septembre 2026")]
    [InlineData(Marketplace.ES, "Hola, Jane:", "10 de septiembre de 2026")]
    [InlineData(Marketplace.JP, "Jane様", "2026年9月10日")]
    public void Render_Marketplace_DecidesTheLanguage(Marketplace marketplace, string greeting, string date)
    {
        foreach (var template in new[] { ContactEmails.CourtesyRefund, ContactEmails.CustomerSupport })
            Render(template, Facts with { Marketplace = marketplace }).Text.Should().StartWith(greeting).And.Contain(date);
        ContactEmails.RenderBrandAnswered(Facts with { Marketplace = marketplace }, BaseUrl).Text.Should().StartWith(greeting);
    }

    [Theory]
    [InlineData("en", 29.99, "USD", "$29.99")]
    [InlineData("en", 59.9, "GBP", "£59.90")]
    [InlineData("en", 1234.5, "USD", "$1,234.50")]
    [InlineData("de", 29.99, "EUR", "29,99\u00A0€")]
    [InlineData("de", 1234.5, "EUR ", "1.234,50\u00A0€")]
    [InlineData("fr", 29.99, "EUR", "29,99\u00A0€")]
    [InlineData("fr", 1234.5, "EUR", "1\u202F234,50\u00A0€")]
    [InlineData("es", 1234.5, "EUR", "1.234,50\u00A0€")]
    [InlineData("ja", 4500, "JPY", "¥4,500")]
    [InlineData("en", 4500, "JPY", "¥4,500")]
    [InlineData("de", 10, "CHF", "10,00\u00A0CHF")]
    public void Money_InLanguage_IsWrittenAsThatLanguageWritesIt(string language, decimal amount, string currency, string expected)
    {
        var lang = new[] { CustomerLanguage.English, CustomerLanguage.German, CustomerLanguage.French, CustomerLanguage.Spanish, CustomerLanguage.Japanese }
            .Single(l => l.Code == language);
        lang.Money(amount, currency).Should().Be(expected);
    }

    [Fact]
    public void CourtesyRefund_InGerman_ShowsEuroAmountTheGermanWay()
        => ContactEmails.Render(ContactReason.CourtesyRefund, In(Marketplace.DE), BaseUrl).Html
            .Should().Contain("<strong>1.234,50&#160;€</strong>", "WebUtility encodes the no-break space").And.Contain("Bestellung 111-0000031-0000217");

    [Theory]
    [MemberData(nameof(TemplatesByMarketplace))]
    public void Template_Html_EncodesEveryValue(string template, Marketplace marketplace)
    {
        var html = Render(template, In(marketplace)).Html;
        html.Should().Contain("Acme Hand Blender &lt;Pro&gt;").And.NotContain("<Pro>");
        html.Should().Contain("Jane").And.NotContain("<b>Doe");
        html.Should().Contain("Acme &amp; Sons").And.NotContain("Acme & Sons");
    }

    [Theory]
    [MemberData(nameof(TemplatesByMarketplace))]
    public void Template_SubjectWithLineBreaksInValues_StaysOneLine(string template, Marketplace marketplace)
    {
        var hostile = In(marketplace) with { BrandName = "Acme\r\nBcc: victim@example.com", ProductTitle = "Kettle\nX-Injected: yes" };
        var subject = Render(template, hostile).Subject;
        subject.Should().NotContainAny("\r", "\n");
        subject.Should().Contain("Acme Bcc: victim@example.com");
    }

    [Fact]
    public void CourtesyRefund_ShowsAmountAndCurrencyAndOrder()
    {
        var email = ContactEmails.Render(ContactReason.CourtesyRefund, Facts, BaseUrl);
        email.Text.Should().Contain("$59.98").And.Contain("111-0000031-0000217").And.Contain("https://portal.example.com/YourAccount/MessageCenter");
        email.Text.Should().StartWith("Hello Jane,");
    }

    [Theory]
    [InlineData("Jane Doe", "Jane")]
    [InlineData("  Hans Müller ", "Hans")]
    [InlineData("Cher", "Cher")]
    public void FirstName_OfFullName_IsTheFirstWord(string name, string expected) => ContactEmails.FirstName(name).Should().Be(expected);

    [Theory]
    [InlineData(29.99, "USD", "29.99 USD")]
    [InlineData(1500, "JPY", "1500.00 JPY")]
    [InlineData(7.5, "EUR ", "7.50 EUR")]
    public void Money_BrandSide_IsInvariantWithCode(decimal amount, string currency, string expected) => ContactEmails.Money(amount, currency).Should().Be(expected);

    private static RenderedEmail Render(string template, ContactEmailFacts facts) => template switch
    {
        ContactEmails.CourtesyRefund => ContactEmails.Render(ContactReason.CourtesyRefund, facts, BaseUrl),
        ContactEmails.CustomerSupport => ContactEmails.Render(ContactReason.CustomerSupport, facts, BaseUrl),
        _ => ContactEmails.RenderBrandAnswered(facts, BaseUrl),
    };

    private static void Golden(string file, string actual)
    {
        var root = LocalPostgres.RepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("Repository root not found.");
        var path = Path.Combine(root, "tests", "BrandPortal.Core.Tests", "Email", "Golden", file);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            // A rewrite proves nothing: on CI it must fail, so that UPDATE_GOLDEN left set cannot turn the check green.
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"UPDATE_GOLDEN=1 rewrote {file} on CI (CI=true): golden files are regenerated locally and reviewed, never on CI.");
            return;
        }
        File.Exists(path).Should().BeTrue($"the golden file {file} pins this output (create it with UPDATE_GOLDEN=1)");
        actual.Should().Be(File.ReadAllText(path).Replace("\r\n", "\n"), $"the rendered {file} must not change unnoticed");
    }
}
