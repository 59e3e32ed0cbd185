using System.Net;
using System.Net.Http.Headers;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.Brands;

/// <summary>The condition alert settings on /Brands/Alerts over HTTP: saved per user, refused when garbled, translated.</summary>
public sealed class ConditionAlertsPageTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private async Task<List<ConditionRule>> ChosenAsync(string email)
    {
        await using var db = portal.CreateContext();
        return await db.ConditionAlertChoices.Where(c => db.Users.Any(u => u.Id == c.UserId && u.Email == email)).Select(c => c.Rule).ToListAsync();
    }

    private static KeyValuePair<string, string> Rule(string value) => new("ConditionRules", value);

    [Fact]
    public async Task PostConditions_ChosenRules_AreSavedAndShownChecked_NoneTurnsThemOff()
    {
        using var client = await portal.SignInAsync(DemoUsers.RepOneBrand);
        var (_, page) = await client.GetPageAsync("/Brands/Alerts");
        page.QuerySelectorAll("#conditions-form input[type=checkbox]").Should().HaveCount(3).And.OnlyContain(i => !i.HasAttribute("checked"));

        var post = await client.PostFormAsync("/Brands/Alerts?handler=Conditions", [Rule("RatingDrop"), Rule("ResponseDue")], "/Brands/Alerts");
        post.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ChosenAsync(DemoUsers.RepOneBrand)).Should().BeEquivalentTo([ConditionRule.RatingDrop, ConditionRule.ResponseDue]);
        (_, page) = await client.GetPageAsync("/Brands/Alerts");
        page.QuerySelector("#alerts-message")!.TextContent.Should().Be("Condition alerts saved.");
        page.QuerySelector("#condition-rating-drop")!.HasAttribute("checked").Should().BeTrue();
        page.QuerySelector("#condition-topic-spike")!.HasAttribute("checked").Should().BeFalse();
        page.QuerySelector("#condition-response-due")!.HasAttribute("checked").Should().BeTrue();
        page.QuerySelector("#frequency-off")!.HasAttribute("checked").Should().BeTrue("the review digest setting is its own");

        (await client.PostFormAsync("/Brands/Alerts?handler=Conditions", [], "/Brands/Alerts")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ChosenAsync(DemoUsers.RepOneBrand)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("Hourly")]
    [InlineData("ratingdrop")]
    [InlineData("0")]
    [InlineData("")]
    public async Task PostConditions_UnknownRule_SaysWhyAndChangesNothing(string value)
    {
        using var client = await portal.SignInAsync(DemoUsers.Viewer);
        var post = await client.PostFormAsync("/Brands/Alerts?handler=Conditions", [Rule("TopicSpike"), Rule(value)], "/Brands/Alerts");
        post.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await PortalClient.ParseAsync(await post.Content.ReadAsStringAsync());
        page.QuerySelector("#alerts-error")!.TextContent.Should().Be("Choose condition alerts from the list: rating drop, topic spike or response due.");
        (await ChosenAsync(DemoUsers.Viewer)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("de", "Bewertungsrückgang", "Antwort fällig")]
    [InlineData("ja", "評価の低下", "回答期限間近")]
    public async Task Page_InTheUsersLanguage_ShowsTheConditionAlertsTranslated(string language, string ratingDrop, string responseDue)
    {
        using var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        client.Http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        var (_, page) = await client.GetPageAsync("/Brands/Alerts");
        page.QuerySelector("label[for=condition-rating-drop]")!.TextContent.Should().Be(ratingDrop);
        page.QuerySelector("label[for=condition-response-due]")!.TextContent.Should().Be(responseDue);
    }

    [Fact]
    public async Task PostConditions_InGerman_SaysItWasSavedInGerman()
    {
        using var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        client.Http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("de"));
        (await client.PostFormAsync("/Brands/Alerts?handler=Conditions", [Rule("TopicSpike")], "/Brands/Alerts")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var (_, page) = await client.GetPageAsync("/Brands/Alerts");
        page.QuerySelector("#alerts-message")!.TextContent.Should().Be("Bedingungsbenachrichtigungen gespeichert.");
    }
}
