using System.Globalization;
using System.Xml.Linq;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using Deque.AxeCore.Playwright;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit;

namespace BrandPortal.BrowserTests;

/// <summary>
/// The Contact Customer journey in German and in Japanese, in Chromium with the browser's language set: the
/// representative filters Customer Reviews and contacts a customer of that marketplace, the customer (Hans on the
/// German marketplace, Taro on the Japanese one) replies from the Message Center, and the representative sees the
/// reply on Messages. Every page is in that language (its headings are the translations the resource files hold) and
/// axe-clean; screenshots are docs/screenshots/*.de.png and *.ja.png.
/// </summary>
public sealed class LocalizedJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [BrowserTheory]
    [InlineData("de", "de-DE", 3, "Toaster burns everything", "hans@example.test", "Danke, der Toaster verbrennt jede Scheibe schon auf Stufe 1.")]
    [InlineData("ja", "ja-JP", 1, "Grinder is noisy", "taro@example.test", "ご連絡ありがとうございます。挽くときの音がとても大きいです。")]
    public async Task Representative_FiltersContactsCustomer_CustomerReplies_AllInTheirLanguage(
        string language, string locale, int starsLeftOut, string reviewTitle, string customerEmail, string reply)
    {
        long reviewId;
        string product, customerName; // Messages lists a customer by first name
        await using (var db = browser.CreateContext())
        {
            var review = await db.Reviews.Where(r => r.Title == reviewTitle).Select(r => new { r.Id, r.Product!.Title }).SingleAsync();
            (reviewId, product) = (review.Id, review.Title);
            customerName = (await db.Customers.Where(c => c.Email == customerEmail).Select(c => c.Name).SingleAsync()).Split(' ')[0];
        }

        // 1. Customer Reviews, filtered to two of the three critical ratings and to Acme, in the representative's language.
        var rep = await SignedInAsync(DemoUsers.RepTwoBrands, locale);
        await rep.GotoAsync("/Brands/Reviews");
        await ExpectLanguageAsync(rep, language);
        (await rep.Locator("h1").First.TextContentAsync())!.Trim().Should().Be(Translated("Pages/Brands/Reviews/Index", "Customer Reviews", language));
        await rep.Locator($"#stars-{starsLeftOut}").UncheckAsync();
        await rep.Locator("#brand").SelectOptionAsync(new SelectOptionValue { Label = "Acme" });
        await rep.Locator("#review-filters button[type=submit]").ClickAsync();
        await rep.WaitForURLAsync(url => url.Contains("brand=", StringComparison.Ordinal));
        rep.Url.Should().Contain("stars=").And.NotContain($"stars={starsLeftOut}");
        var card = rep.Locator("article.review-card", new() { HasText = reviewTitle });
        await Expect(card);
        await rep.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath($"customer-reviews.{language}.png"), FullPage = true });
        await ExpectAccessibleAsync(rep);

        // 2. Contact Customer: the Customer Support email, from the card's own link.
        await card.Locator("a[href$='/Contact']").ClickAsync();
        await rep.WaitForURLAsync($"**/Brands/Reviews/{reviewId}/Contact");
        await ExpectLanguageAsync(rep, language);
        (await rep.Locator("h1").First.TextContentAsync())!.Trim().Should().Be(Translated("Pages/Brands/Reviews/Contact", "Contact customer", language));
        await rep.Locator("input[name=Reason][value=CustomerSupport]").CheckAsync();
        await rep.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath($"contact-customer.{language}.png"), FullPage = true });
        await ExpectAccessibleAsync(rep);
        await rep.Locator("#contact-form button[type=submit]").ClickAsync();
        await Expect(rep.GetByText(Translated("Pages/Brands/Reviews/Contact", "The email is on its way to the customer. Its delivery shows below.", language, orShared: true)));
        await ExpectLanguageAsync(rep, language);

        // 3. The customer reads the message in the Message Center, in the marketplace's language, and replies.
        var customer = await SignedInAsync(customerEmail, locale);
        await customer.GotoAsync("/YourAccount/MessageCenter");
        await ExpectLanguageAsync(customer, language);
        (await customer.Locator("h1").First.TextContentAsync())!.Trim().Should().Be(Translated("Pages/YourAccount/MessageCenter/Index", "Message Center", language));
        await customer.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath($"message-center.{language}.png"), FullPage = true });
        await ExpectAccessibleAsync(customer);
        await customer.Locator("#messages li.unread", new() { HasText = product }).Locator("a").First.ClickAsync();
        await customer.Locator("#reply").FillAsync(reply);
        await customer.Locator("form:has(#reply) button[type=submit]").ClickAsync();
        await Expect(customer.Locator("li.bubble.from-customer", new() { HasText = reply }));
        await ExpectLanguageAsync(customer, language);
        await customer.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath($"message-center-conversation.{language}.png"), FullPage = true });
        await ExpectAccessibleAsync(customer);

        // 4. The reply waits on the brand's Messages page, marked as needing a response.
        await rep.GotoAsync("/Brands/Messages");
        await ExpectLanguageAsync(rep, language);
        var row = rep.Locator("#threads tbody tr", new() { HasText = Translated("Pages/Brands/Messages/Index", "Response needed", language) })
            .Filter(new() { HasText = customerName });
        await Expect(row);
        await rep.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath($"messages.{language}.png"), FullPage = true });
        await ExpectAccessibleAsync(rep);

        await using (var db = browser.CreateContext())
        {
            var thread = await db.Threads.Include(t => t.Messages).SingleAsync(t => t.Messages.Any(m => m.Body == reply));
            thread.Messages.Select(m => m.Sender).Should().Contain(MessageSender.Customer);
            thread.ResponseNeededSince.Should().NotBeNull();
        }
        await rep.Context.CloseAsync();
        await customer.Context.CloseAsync();
    }

    /// <summary>A browser context whose language is <paramref name="locale"/>, signed in through the (translated) sign-in form.</summary>
    private async Task<IPage> SignedInAsync(string email, string locale)
    {
        var context = await browser.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseUrl,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(DemoUsers.Password);
        await page.Locator("form:has(#password) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        return page;
    }

    /// <summary>The translation the portal ships for an English text: the view's resource file, else the shared ones.</summary>
    private static string Translated(string view, string english, string language, bool orShared = false)
    {
        var root = Core.Hosting.LocalPostgres.RepositoryRoot(AppContext.BaseDirectory)!;
        var resources = Path.Combine(root, "src", "BrandPortal.Web", "Resources");
        var files = new List<string> { Path.Combine(resources, $"{view}.{language}.resx") };
        if (orShared) files.AddRange(Directory.EnumerateFiles(resources, $"*.{language}.resx", SearchOption.AllDirectories));
        foreach (var file in files.Where(File.Exists))
        {
            var value = XDocument.Load(file).Root!.Elements("data")
                .FirstOrDefault(d => (string?)d.Attribute("name") == english)?.Element("value")?.Value;
            if (value is not null) return value;
        }
        throw new InvalidOperationException($"No {language} translation of \"{english}\" for {view}.");
    }

    private static async Task ExpectLanguageAsync(IPage page, string language) =>
        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be(language, $"{page.Url} should be in {CultureInfo.GetCultureInfo(language).EnglishName}");

    private static async Task ExpectAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        result.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")
            .Should().BeEmpty($"{page.Url} should be accessible");
    }

    private static async Task Expect(ILocator locator) => await locator.First.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 10_000 });
}
