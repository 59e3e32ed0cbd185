using System.Net;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.Brands.Messages;

/// <summary>
/// Previous / Next on the brand's Messages list and the customer's Message Center over HTTP: bookmarkable links, every
/// row once, and a cursor that cannot be read gives the first page with a message, never a 500.
/// </summary>
public sealed class MessagePagingPageTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    /// <summary>Threads of rep.two's account on Acme reviews (enough for more than one page), as if customers had written.</summary>
    private async Task SeedThreadsAsync(int count)
    {
        await using var db = portal.CreateContext();
        var rep = await db.Users.Where(u => u.Email == DemoUsers.RepTwoBrands).Select(u => u.Id).SingleAsync();
        if (await db.Threads.CountAsync() >= count) return;
        var reviews = await db.Reviews.Where(r => db.Brands.Any(b => b.Id == r.BrandId && b.Name == "Acme") && !db.Contacts.Any(c => c.ReviewId == r.Id))
            .OrderBy(r => r.Id).Take(count).Select(r => new { r.Id, r.BrandId, r.CustomerId }).ToListAsync();
        var now = DateTimeOffset.UtcNow;
        foreach (var (r, i) in reviews.Select((r, i) => (r, i)))
        {
            var contact = new Contact
            {
                ReviewId = r.Id, BrandId = r.BrandId, CustomerId = r.CustomerId, SentByUserId = rep, Reason = ContactReason.CustomerSupport,
                SentAt = now.AddHours(-i - 2), SupportAnswer = SupportAnswer.Granted,
            };
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            var at = now.AddHours(-i - 1);
            db.Threads.Add(new MessageThread
            {
                BrandId = r.BrandId, CustomerId = r.CustomerId, ContactId = contact.Id, CreatedAt = at, LastMessageAt = at, ResponseNeededSince = at,
                Messages = [new ThreadMessage { Sender = MessageSender.Customer, Body = $"Message {i}", SentAt = at }],
            });
        }
        await db.SaveChangesAsync();
    }

    private static List<string> Rows(AngleSharp.Html.Dom.IHtmlDocument page)
        => page.QuerySelectorAll("#threads tbody tr a").Select(a => a.GetAttribute("href")!).ToList();

    [Fact]
    public async Task MessagesList_MoreThanOnePage_NextThenPreviousGivesEveryThreadOnceAndTheSameFirstPage()
    {
        await SeedThreadsAsync(40);
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);

        var (_, first) = await rep.GetPageAsync("/Brands/Messages");
        Rows(first).Should().HaveCount(25);
        first.QuerySelector("#previous-page").Should().BeNull();
        var seen = Rows(first);
        var page = first;
        while (page.QuerySelector("#next-page") is { } next)
        {
            var (response, nextPage) = await rep.GetPageAsync(next.GetAttribute("href")!);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            nextPage.QuerySelector("#previous-page").Should().NotBeNull();
            seen.AddRange(Rows(nextPage));
            page = nextPage;
        }
        await using var db = portal.CreateContext();
        seen.Should().OnlyHaveUniqueItems().And.HaveCount(await db.Threads.CountAsync(t => db.Contacts.Any(c => c.Id == t.ContactId
            && db.Users.Any(u => u.Id == c.SentByUserId && u.Email == DemoUsers.RepTwoBrands))));

        var (_, second) = await rep.GetPageAsync(first.QuerySelector("#next-page")!.GetAttribute("href")!);
        var (_, back) = await rep.GetPageAsync(second.QuerySelector("#previous-page")!.GetAttribute("href")!);
        Rows(back).Should().Equal(Rows(first));
    }

    [Theory]
    [InlineData("/Brands/Messages", DemoUsers.RepTwoBrands, "?after=not-a-cursor")]
    [InlineData("/Brands/Messages", DemoUsers.RepTwoBrands, "?before=%00%27%22%3Cscript%3E")]
    [InlineData("/Brands/Messages", DemoUsers.RepTwoBrands, "?after=cDEuMS4xLjE&before=cDEuMS4xLjE")]
    [InlineData("/Brands/Messages", DemoUsers.RepTwoBrands, "?after=cDEuMC45OTk5OTk5OTk5OTk5OTk5OTk5LjE")]
    [InlineData("/YourAccount/MessageCenter", DemoUsers.Customer, "?after=not-a-cursor")]
    [InlineData("/YourAccount/MessageCenter", DemoUsers.Customer, "?before=MS5uLjEuMS4x")]
    public async Task List_UnreadableCursor_ShowsTheFirstPageWithAClearMessage(string path, string user, string query)
    {
        using var client = await portal.SignInAsync(user);

        var (response, page) = await client.GetPageAsync(path + query);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("#page-message")!.TextContent.Should().Contain("showing the first page");
        page.QuerySelector("#previous-page").Should().BeNull();
    }

    [Fact]
    public async Task MessagesList_CursorPastTheEnd_SaysSoAndLinksBackToTheFirstPage()
    {
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);

        var (response, page) = await rep.GetPageAsync("/Brands/Messages?after=cDEuMC4wLjE"); // p1.0.0.1: the epoch

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("#no-more a")!.GetAttribute("href").Should().Be("/Brands/Messages");
    }

    [Fact]
    public async Task MessagesList_AnotherSellerAccountSharingAcme_SeesNoneOfAcmeTradingsThreadsOnAnyPage()
    {
        await SeedThreadsAsync(40);
        using var globex = await portal.SignInAsync(DemoUsers.OtherTenantRep);

        var (_, page) = await globex.GetPageAsync("/Brands/Messages");

        await using var db = portal.CreateContext();
        var tradings = await db.Threads.Where(t => db.Contacts.Any(c => c.Id == t.ContactId
                && db.Users.Any(u => u.Id == c.SentByUserId && u.Email == DemoUsers.RepTwoBrands)))
            .Select(t => $"/Brands/Messages/{t.Id}").ToListAsync();
        Rows(page).Should().NotIntersectWith(tradings);
        page.QuerySelector("#next-page").Should().BeNull();
    }
}
