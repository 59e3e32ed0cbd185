using System.Net;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.Brands.Reviews;

/// <summary>Once contacted through the Contact page, the review's card on Customer Reviews shows the contact's timeline.</summary>
public sealed class ReviewsTimelineTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Fact]
    public async Task Card_AfterContact_ShowsTimelineWithDeliveredEmail_AndStillAtMostFourStatements()
    {
        await using var db = portal.CreateContext();
        var review = await db.Reviews.SingleAsync(r => r.Title == "Leaks from the lid");
        var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);

        var send = await client.PostFormAsync($"/Brands/Reviews/{review.Id}/Contact",
            new Dictionary<string, string> { ["Reason"] = nameof(ContactReason.CourtesyRefund) });
        send.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await portal.Smtp.WaitForAsync(1, TimeSpan.FromSeconds(15))).Should().Contain(m => (m.Message.Subject ?? "").Contains("refund", StringComparison.OrdinalIgnoreCase));
        // The dispatcher marks the row sent right after the server accepted it.
        for (var i = 0; i < 100 && !await db.OutboxEmails.AnyAsync(o => o.State == EmailState.Sent && o.ContactId != null); i++) await Task.Delay(50);

        // The same page through a portal whose statements are counted (warmed up first: first-request work is not the
        // steady state): the timeline comes with the page, not as extra queries per card.
        var log = new StatementLog();
        await using var counted = new PortalFactory(portal.ConnectionString, portal.Smtp,
            services => services.ConfigureDbContext<BrandPortalDbContext>(o => o.AddInterceptors(log)));
        using var countedClient = await counted.SignInAsync(DemoUsers.RepTwoBrands);
        await countedClient.GetPageAsync("/Brands/Reviews?q=lid");
        log.Commands.Clear();
        var (response, doc) = await countedClient.GetPageAsync("/Brands/Reviews?q=lid");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        log.Commands.Should().HaveCountGreaterThanOrEqualTo(2, "the log sees the portal's statements (access and page)")
            .And.HaveCountLessThanOrEqualTo(4, string.Join("\n----\n", log.Commands));
        var card = doc.QuerySelectorAll("article").Single(a => a.TextContent.Contains("Leaks from the lid"));
        var timeline = card.QuerySelector(".timeline");
        timeline.Should().NotBeNull("the contacting account sees the full timeline on the card");
        timeline!.TextContent.Should().Contain("Courtesy Refund").And.Contain(DemoUsers.RepTwoBrands).And.Contain("sent");

        var other = await portal.SignInAsync(DemoUsers.OtherTenantRep);
        var (_, otherDoc) = await other.GetPageAsync("/Brands/Reviews?q=lid");
        var otherCard = otherDoc.QuerySelectorAll("article").Single(a => a.TextContent.Contains("Leaks from the lid"));
        otherCard.QuerySelector(".timeline").Should().BeNull();
        otherCard.TextContent.Should().NotContain(DemoUsers.RepTwoBrands).And.NotContain("Courtesy");
    }
}
