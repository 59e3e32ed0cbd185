using System.Net;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.Brands.Messages;

public sealed class MessagesTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private static string Url(long threadId) => $"/Brands/Messages/{threadId}";

    [Fact]
    public async Task List_ShowsThreadsNewestFirstWithResponseNeededAndOverdue()
    {
        var older = await ContactSteps.ThreadAsync(portal, "R0338", "The bag is thinner than described.");
        var newer = await ContactSteps.ThreadAsync(portal, "R0289", "The toaster burns one side.");
        await using (var db = portal.CreateContext())
        {
            var now = DateTimeOffset.UtcNow;
            await db.Threads.Where(t => t.Id == older).ExecuteUpdateAsync(s => s
                .SetProperty(t => t.ResponseNeededSince, now.AddHours(-25)).SetProperty(t => t.LastMessageAt, now.AddHours(-25)));
        }
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (response, page) = await rep.GetPageAsync("/Brands/Messages");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var rows = page.QuerySelectorAll("#threads tbody tr").ToList();
        var hrefs = rows.Select(r => r.QuerySelector("a")!.GetAttribute("href")).ToList();
        hrefs.IndexOf(Url(newer)).Should().BeLessThan(hrefs.IndexOf(Url(older)));
        var newerRow = rows[hrefs.IndexOf(Url(newer))].TextContent;
        newerRow.Should().Contain("Response needed").And.Contain("left").And.Contain("The toaster burns one side.");
        rows[hrefs.IndexOf(Url(older))].QuerySelector(".overdue")!.TextContent.Should().StartWith("Overdue by 1 h");
    }

    [Fact]
    public async Task Answer_BreakingGuidelines_IsRefusedNamingTheRuleAndKeepsTheDraft()
    {
        var threadId = await ContactSteps.ThreadAsync(portal, "R0331");
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        const string draft = "Sorry! Would you update your review once the new lid arrives? Call 0800 123 4567.";
        // Other tests of this class answer the same conversation: what counts is that this post adds nothing.
        var before = await BrandMessagesAsync(threadId);
        var response = await rep.PostFormAsync(Url(threadId), new Dictionary<string, string> { ["Answer"] = draft });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        page.QuerySelectorAll("#answer-error li").Select(li => li.GetAttribute("data-rule")).Should().BeEquivalentTo(["AsksToChangeReview", "PhoneNumber"]);
        page.QuerySelector("#answer-error")!.TextContent.Should().Contain("Do not ask to change, update or remove a review");
        page.QuerySelector("#answer")!.TextContent.Should().Be(draft);
        (await BrandMessagesAsync(threadId)).Should().Be(before, "nothing was stored");
    }

    [Fact]
    public async Task Answer_BreakingGuidelinesInDisguise_IsRefusedAndKeepsTheDraft()
    {
        var threadId = await ContactSteps.ThreadAsync(portal, "R0331");
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        // Cyrillic letters, a zero-width space, digits for letters, and a phone number spelled out.
        const string draft = "Please upd4te your r\u0435\u200Bvi\u0435w. Call five five five one two three four.";
        var before = await BrandMessagesAsync(threadId);
        var response = await rep.PostFormAsync(Url(threadId), new Dictionary<string, string> { ["Answer"] = draft });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        page.QuerySelectorAll("#answer-error li").Select(li => li.GetAttribute("data-rule")).Should().BeEquivalentTo(["AsksToChangeReview", "PhoneNumber"]);
        page.QuerySelector("#answer")!.TextContent.Should().Be(draft);
        (await BrandMessagesAsync(threadId)).Should().Be(before, "nothing was stored");
    }

    [Fact]
    public async Task Answer_FollowingGuidelines_IsStoredClearsResponseNeededAndEmailsTheCustomer()
    {
        var threadId = await ContactSteps.ThreadAsync(portal, "R0331");
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (_, before) = await rep.GetPageAsync(Url(threadId));
        before.QuerySelector("#response-needed")!.TextContent.Should().Contain("Response needed");

        var response = await rep.PostFormAsync(Url(threadId), new Dictionary<string, string> { ["Answer"] = "We are sending you a new lid <today>." });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);

        await using var db = portal.CreateContext();
        var thread = await db.Threads.Include(t => t.Messages).SingleAsync(t => t.Id == threadId);
        thread.ResponseNeededSince.Should().BeNull();
        thread.Messages.Should().Contain(m => m.Sender == MessageSender.Brand && m.Body == "We are sending you a new lid <today>.");
        var answer = thread.Messages.Single(m => m.Sender == MessageSender.Brand);
        var mail = await WaitForMailAsync($"answer-{answer.Id}@brandportal");
        mail.Subject.Should().Be("Acme answered your message about Acme Electric Kettle 1.7 L");
        mail.TextBody.Should().Contain("Hello Jane,").And.Contain("/YourAccount/MessageCenter").And.NotContain("new lid", "the answer stays in the portal");
        mail.HtmlBody.Should().Contain("<strong>Acme Electric Kettle 1.7 L</strong>");

        using var jane = await portal.SignInAsync(DemoUsers.Customer);
        var (_, list) = await jane.GetPageAsync("/YourAccount/MessageCenter");
        var contactId = thread.ContactId;
        list.QuerySelector($"a[href='/YourAccount/MessageCenter/{contactId}']")!.ParentElement!.ClassList.Should().Contain("unread");
        var (_, message) = await jane.GetPageAsync($"/YourAccount/MessageCenter/{contactId}");
        message.QuerySelector(".conversation")!.TextContent.Should().Contain("We are sending you a new lid <today>.");
        var (_, after) = await rep.GetPageAsync(Url(threadId));
        after.QuerySelector("#response-needed").Should().BeNull();
    }

    [Fact]
    public async Task Thread_ViewOnlyPermission_ReadsButCannotAnswer()
    {
        var threadId = await ContactSteps.ThreadAsync(portal, "R0331");
        using var repOne = await portal.SignInAsync(DemoUsers.RepOneBrand); // Buyer-Seller Messages: View
        var (response, page) = await repOne.GetPageAsync(Url(threadId));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("#read-only").Should().NotBeNull();
        page.QuerySelector("#answer").Should().BeNull();
        var post = await repOne.PostFormAsync(Url(threadId), new Dictionary<string, string> { ["Answer"] = "Hello there" }, "/Account/Login");
        (await post.Content.ReadAsStringAsync()).Should().Contain("Your Buyer-Seller Messages permission is View");
        await using var db = portal.CreateContext();
        (await db.ThreadMessages.AnyAsync(m => m.ThreadId == threadId && m.Body == "Hello there")).Should().BeFalse();
    }

    [Theory]
    [InlineData(DemoUsers.OtherTenantRep)]
    [InlineData(DemoUsers.RepUnregistered)]
    public async Task Thread_OfBrandNotRepresented_Is404(string user)
    {
        var threadId = await ContactSteps.ThreadAsync(portal, "R0331");
        using var other = await portal.SignInAsync(user);
        (await other.Http.GetAsync(Url(threadId))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var post = await other.PostFormAsync(Url(threadId), new Dictionary<string, string> { ["Answer"] = "Hello" }, "/Account/Login");
        post.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var (_, list) = await other.GetPageAsync("/Brands/Messages");
        list.QuerySelectorAll($"a[href='{Url(threadId)}']").Should().BeEmpty();
    }

    [Fact]
    public async Task Answer_DoubleClicked_IsStoredAndEmailedOnce()
    {
        var threadId = await ContactSteps.ThreadAsync(portal, "R0338", "The bag is thinner than described.");
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var token = await rep.AntiforgeryTokenAsync(Url(threadId));
        const string text = "We are sorry. A warmer replacement bag is on its way to you.";
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => rep.Http.PostAsync(Url(threadId),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Answer"] = text, ["__RequestVerificationToken"] = token }))));
        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Redirect);
        await using var db = portal.CreateContext();
        (await db.ThreadMessages.CountAsync(m => m.ThreadId == threadId && m.Body == text)).Should().Be(1);
        var contactId = await db.Threads.Where(t => t.Id == threadId).Select(t => t.ContactId).SingleAsync();
        (await db.OutboxEmails.CountAsync(o => o.ContactId == contactId && o.Kind == EmailKind.BrandAnswered)).Should().Be(1);
    }

    [Fact]
    public async Task Answer_ThreadIdInFormAndQuery_IsIgnored_TheAddressDecides()
    {
        var threadId = await ContactSteps.ThreadAsync(portal, "R0331");
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var text = $"Thanks, we are on it ({Guid.NewGuid():N}).";
        var response = await rep.PostFormAsync($"/Brands/Messages/987654321?threadId={threadId}",
            new Dictionary<string, string> { ["threadId"] = threadId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Answer"] = text }, "/Account/Login");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        await using var db = portal.CreateContext();
        (await db.ThreadMessages.AnyAsync(m => m.Body == text)).Should().BeFalse();
    }

    [Fact]
    public async Task Thread_BuyerSellerMessagesNone_Is403()
    {
        var threadId = await ContactSteps.ThreadAsync(portal, "R0331");
        using var noPerm = await portal.SignInAsync(DemoUsers.NoPermission);
        var response = await noPerm.Http.GetAsync(Url(threadId));
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Your Buyer-Seller Messages permission is None");
    }

    [Fact]
    public async Task List_WithoutPermission_ExplainsWhatIsMissing()
    {
        using var noPerm = await portal.SignInAsync(DemoUsers.NoPermission);
        var (response, page) = await noPerm.GetPageAsync("/Brands/Messages");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("#messages-unavailable")!.TextContent.Should().Contain("Buyer-Seller Messages");
    }

    private async Task<MimeKit.MimeMessage> WaitForMailAsync(string messageId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (portal.Smtp.Messages.FirstOrDefault(m => m.Message.MessageId == messageId) is { } found) return found.Message;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No email {messageId} arrived.");
    }

    private async Task<int> BrandMessagesAsync(long threadId)
    {
        await using var db = portal.CreateContext();
        return await db.ThreadMessages.CountAsync(m => m.ThreadId == threadId && m.Sender == MessageSender.Brand);
    }
}
