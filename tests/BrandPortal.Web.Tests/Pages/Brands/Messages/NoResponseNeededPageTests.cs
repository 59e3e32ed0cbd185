using System.Net;
using BrandPortal.Core.Audit;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.Brands.Messages;

/// <summary>*No response needed* on a thread over HTTP: View and Edit only, antiforgery, audited, shown on the thread afterwards.</summary>
public sealed class NoResponseNeededPageTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private static string Url(long threadId) => $"/Brands/Messages/{threadId}";

    [Fact]
    public async Task Mark_ViewAndEdit_StopsTheTimerAuditsAndTheThreadSaysWhoMarkedIt()
    {
        var threadId = await ContactSteps.ThreadAsync(portal, "R0331", "Thanks, all sorted now!");
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (_, before) = await rep.GetPageAsync(Url(threadId));
        before.QuerySelector("#no-response-form button")!.TextContent.Should().Be("No response needed");

        var response = await rep.PostFormAsync($"{Url(threadId)}?handler=NoResponseNeeded", new Dictionary<string, string>(), Url(threadId));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var (_, after) = await rep.GetPageAsync(Url(threadId));
        after.QuerySelector("#response-needed").Should().BeNull();
        after.QuerySelector("#no-response-needed")!.TextContent.Should().Contain("by rep.two@acme.test");
        await using var db = portal.CreateContext();
        (await db.AuditEntries.CountAsync(a => a.Action == AuditActions.NoResponseNeeded && a.ObjectId == threadId.ToString())).Should().Be(1);
    }

    [Fact]
    public async Task Mark_ViewOnly_IsDeniedAndChangesNothing()
    {
        var threadId = await ContactSteps.ThreadAsync(portal, "R0338", "Still waiting for the part.");
        using var repOne = await portal.SignInAsync(DemoUsers.RepOneBrand); // Buyer-Seller Messages: View
        var (_, page) = await repOne.GetPageAsync(Url(threadId));
        page.QuerySelector("#no-response-form").Should().BeNull();

        var response = await repOne.PostFormAsync($"{Url(threadId)}?handler=NoResponseNeeded", new Dictionary<string, string>(), "/Account/Login");

        response.StatusCode.Should().NotBe(HttpStatusCode.Redirect);
        await using var db = portal.CreateContext();
        (await db.Threads.SingleAsync(t => t.Id == threadId)).ResponseNeededSince.Should().NotBeNull();
    }

    [Fact]
    public async Task Mark_WithoutAntiforgeryToken_IsRefusedAndChangesNothing()
    {
        var threadId = await ContactSteps.ThreadAsync(portal, "R0289", "The toaster burns one side.");
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);

        var response = await rep.Http.PostAsync($"{Url(threadId)}?handler=NoResponseNeeded", new FormUrlEncodedContent([]));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await using var db = portal.CreateContext();
        (await db.Threads.SingleAsync(t => t.Id == threadId)).ResponseNeededSince.Should().NotBeNull();
    }
}
