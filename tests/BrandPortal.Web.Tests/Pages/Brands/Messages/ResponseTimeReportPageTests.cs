using System.Net;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.Brands.Messages;

/// <summary>/Brands/Messages/Report over HTTP as the demo roles: the table, the chart and its text alternative, who sees which brands.</summary>
public sealed class ResponseTimeReportPageTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private const string Url = "/Brands/Messages/Report";

    /// <summary>A conversation of the user's account on an uncontacted Acme review: the customer wrote, and the brand answered after <paramref name="answerAfter"/>.</summary>
    private async Task<long> ConversationAsync(string user, DateTimeOffset asked, TimeSpan? answerAfter)
    {
        await using var db = portal.CreateContext();
        var u = await db.Users.Where(x => x.Email == user).Select(x => new { x.Id, x.SellerAccountId }).SingleAsync();
        var review = await db.Reviews.Where(r => db.Brands.Any(b => b.Id == r.BrandId && b.Name == "Acme") && !db.Contacts.Any(c => c.ReviewId == r.Id)
                && r.Order != null && r.Order.SellerAccountId == u.SellerAccountId)
            .OrderBy(r => r.Id).Select(r => new { r.Id, r.BrandId, r.CustomerId }).FirstAsync();
        var contact = new Contact
        {
            ReviewId = review.Id, BrandId = review.BrandId, CustomerId = review.CustomerId, SentByUserId = u.Id, Reason = ContactReason.CustomerSupport,
            SentAt = asked.AddHours(-1), SupportAnswer = SupportAnswer.Granted,
        };
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        var thread = new MessageThread { BrandId = review.BrandId, CustomerId = review.CustomerId, ContactId = contact.Id, CreatedAt = asked, LastMessageAt = asked };
        thread.Messages.Add(new ThreadMessage { Sender = MessageSender.Customer, Body = "Is there a spare part?", SentAt = asked });
        if (answerAfter is { } after)
        {
            thread.Messages.Add(new ThreadMessage { Sender = MessageSender.Brand, SenderUserId = u.Id, Body = "Yes, it is on its way.", SentAt = asked + after });
            thread.LastMessageAt = asked + after;
        }
        else thread.ResponseNeededSince = asked;
        db.Threads.Add(thread);
        await db.SaveChangesAsync();
        return thread.Id;
    }

    private static Dictionary<(string Brand, string Days), string> Needed(AngleSharp.Html.Dom.IHtmlDocument page)
        => page.QuerySelectorAll("#report tbody tr").ToDictionary(
            r => (r.QuerySelector("th")!.TextContent.Trim(), r.GetAttribute("data-days")!), r => r.QuerySelector(".needed")!.TextContent.Trim());

    [Fact]
    public async Task Report_RepresentativeOfTwoBrands_ShowsBothBrandsForEachPeriodWithChartAndTextAlternative()
    {
        await ConversationAsync(DemoUsers.RepTwoBrands, DateTimeOffset.UtcNow.AddDays(-2), TimeSpan.FromHours(3));
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);

        var (response, page) = await rep.GetPageAsync(Url);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Needed(page).Keys.Should().BeEquivalentTo(new[] { "Acme", "Acme Outdoors" }.SelectMany(b => new[] { (b, "7"), (b, "30"), (b, "90") }));
        int.Parse(Needed(page)[("Acme", "7")], System.Globalization.CultureInfo.InvariantCulture).Should().BePositive();
        var chart = page.QuerySelector("svg.report-chart")!;
        chart.GetAttribute("role").Should().Be("img");
        chart.GetAttribute("aria-labelledby").Should().Be("chart-svg-title chart-svg-desc");
        page.QuerySelector("#chart-svg-desc")!.TextContent.Should().Contain("Acme: 7 days").And.Contain("The table below gives every figure");
        page.QuerySelector("#report caption")!.TextContent.Should().Be("Response time per brand and period");
        page.QuerySelectorAll("script").Where(s => s.TextContent.Contains("svg")).Should().BeEmpty("the chart is drawn by the server");
    }

    [Fact]
    public async Task Report_ViewOnlyRepresentativeOfOneBrand_ShowsOnlyThatBrand()
    {
        using var repOne = await portal.SignInAsync(DemoUsers.RepOneBrand);

        var (response, page) = await repOne.GetPageAsync(Url);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Needed(page).Keys.Select(k => k.Brand).Distinct().Should().Equal("Acme");
    }

    [Theory]
    [InlineData(DemoUsers.NoPermission)]
    [InlineData(DemoUsers.AccountAdmin)]
    [InlineData(DemoUsers.Support)]
    [InlineData(DemoUsers.Customer)]
    public async Task Report_WithoutBuyerSellerMessagesView_IsForbidden(string user)
    {
        using var client = await portal.SignInAsync(user);

        var response = await client.Http.GetAsync(Url);

        response.StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("id=\"report\"");
    }

    [Fact]
    public async Task Report_OtherSellerAccountSharingAcme_NeverCountsAcmeTradingsConversations()
    {
        using var globex = await portal.SignInAsync(DemoUsers.OtherTenantRep);
        var (_, before) = await globex.GetPageAsync(Url);

        await ConversationAsync(DemoUsers.RepTwoBrands, DateTimeOffset.UtcNow.AddHours(-30), null);

        var (_, after) = await globex.GetPageAsync(Url);
        Needed(after).Should().Equal(Needed(before));
        Needed(after).Keys.Select(k => k.Brand).Distinct().Should().BeEquivalentTo("Acme", "Globex");
    }

    [Fact]
    public async Task MessagesPage_LinksToTheReport()
    {
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);

        var (_, page) = await rep.GetPageAsync("/Brands/Messages");

        page.QuerySelector("#report-link")!.GetAttribute("href").Should().Be(Url);
    }

    [Theory]
    [InlineData("?days=abc&brand=-1")]
    [InlineData("?brand=%27%3BDROP%20TABLE%20threads")]
    [InlineData("?after=%00&before=%FF")]
    public async Task Report_HostileQueryString_IsIgnoredAndThePageShows(string query)
    {
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);

        var (response, page) = await rep.GetPageAsync(Url + query);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("#report").Should().NotBeNull();
    }

    [Fact]
    public async Task Report_Post_NoHandlerAnswersIt_RendersWithoutError()
    {
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);

        var response = await rep.PostFormAsync(Url, new Dictionary<string, string> { ["x"] = "1" }, "/Brands/Messages/" + await AnyThreadAsync());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private async Task<long> AnyThreadAsync() => await ConversationAsync(DemoUsers.RepTwoBrands, DateTimeOffset.UtcNow.AddHours(-2), null);
}
