using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Email;
using BrandPortal.Core.Hosting;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Email;

/// <summary>
/// Pins the rendered output of every fixed template. After a deliberate template change, regenerate the golden
/// files with UPDATE_GOLDEN=1 dotnet test --filter ContactEmailsGoldenTests and review the diff.
/// </summary>
public sealed class ContactEmailsGoldenTests
{
    private static readonly ContactEmailFacts Facts = new(
        "Jane <b>Doe</b>", "Acme & Sons", "Acme Hand Blender <Pro>", "111-0000031-0000217",
        new DateTimeOffset(2026, 9, 10, 4, 25, 0, TimeSpan.Zero), 59.98m, "USD");

    private const string BaseUrl = "https://portal.example.com/";

    public static TheoryData<string> Templates => new() { ContactEmails.CourtesyRefund, ContactEmails.CustomerSupport, ContactEmails.BrandAnswered };

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_RenderedWithHostileValues_MatchesGoldenFiles(string template)
    {
        var email = Render(template, Facts);
        Golden($"{template}.subject.txt", email.Subject);
        Golden($"{template}.txt", email.Text);
        Golden($"{template}.html", email.Html);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_Html_EncodesEveryValue(string template)
    {
        var html = Render(template, Facts).Html;
        html.Should().Contain("Acme Hand Blender &lt;Pro&gt;").And.NotContain("<Pro>");
        html.Should().Contain("Jane").And.NotContain("<b>Doe");
        html.Should().Contain("Acme &amp; Sons").And.NotContain("Acme & Sons");
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_SubjectWithLineBreaksInValues_StaysOneLine(string template)
    {
        var hostile = Facts with { BrandName = "Acme\r\nBcc: victim@example.com", ProductTitle = "Kettle\nX-Injected: yes" };
        var subject = Render(template, hostile).Subject;
        subject.Should().NotContainAny("\r", "\n");
        subject.Should().Contain("Acme Bcc: victim@example.com");
    }

    [Fact]
    public void CourtesyRefund_ShowsAmountAndCurrencyAndOrder()
    {
        var email = ContactEmails.Render(ContactReason.CourtesyRefund, Facts, BaseUrl);
        email.Text.Should().Contain("59.98 USD").And.Contain("111-0000031-0000217").And.Contain("https://portal.example.com/YourAccount/MessageCenter");
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
    public void Money_IsInvariantWithCode(decimal amount, string currency, string expected) => ContactEmails.Money(amount, currency).Should().Be(expected);

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
            return;
        }
        File.Exists(path).Should().BeTrue($"the golden file {file} pins this output (create it with UPDATE_GOLDEN=1)");
        actual.Should().Be(File.ReadAllText(path).Replace("\r\n", "\n"), $"the rendered {file} must not change unnoticed");
    }
}
