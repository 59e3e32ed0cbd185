using System.Net;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.YourAccount.MessageCenter;

public sealed class MessageCenterTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    private static string Url(long contactId) => $"/YourAccount/MessageCenter/{contactId}";

    private static Task<HttpResponseMessage> PostAsync(PortalClient client, long contactId, string handler, Dictionary<string, string>? fields = null)
        => client.PostFormAsync($"{Url(contactId)}?handler={handler}", fields ?? [], Url(contactId));

    [Fact]
    public async Task Reply_IdInFormAndQuery_IsIgnored_TheAddressDecides()
    {
        var contactId = await ContactSteps.ContactAsync(portal, "R0331", ContactReason.CustomerSupport);
        using var jane = await portal.SignInAsync(DemoUsers.Customer);
        var text = $"Route check {Guid.NewGuid():N}";
        var response = await jane.PostFormAsync($"/YourAccount/MessageCenter/987654321?handler=Reply&id={contactId}",
            new Dictionary<string, string> { ["id"] = contactId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Reply"] = text }, Url(contactId));
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        await using var db = portal.CreateContext();
        (await db.ThreadMessages.AnyAsync(m => m.Body == text)).Should().BeFalse();
    }

    [Fact]
    public async Task List_ShowsTheCustomersMessagesUnreadFirst()
    {
        var read = await ContactSteps.ContactAsync(portal, "R0289", ContactReason.CustomerSupport);
        var unread = await ContactSteps.ContactAsync(portal, "R0331", ContactReason.CustomerSupport);
        using var jane = await portal.SignInAsync(DemoUsers.Customer);
        await jane.GetPageAsync(Url(read));
        await using (var db = portal.CreateContext()) // other tests of this class may have opened it
            await db.Contacts.Where(c => c.Id == unread).ExecuteUpdateAsync(s => s.SetProperty(c => c.ReadAt, (DateTimeOffset?)null));

        var (response, page) = await jane.GetPageAsync("/YourAccount/MessageCenter");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var items = page.QuerySelectorAll("#messages li").ToList();
        var hrefs = items.Select(li => li.QuerySelector("a")!.GetAttribute("href")).ToList();
        hrefs.Should().Contain([Url(read), Url(unread)]);
        var unreadItem = items.Single(li => li.QuerySelector("a")!.GetAttribute("href") == Url(unread));
        unreadItem.ClassList.Should().Contain("unread");
        items.Single(li => li.QuerySelector("a")!.GetAttribute("href") == Url(read)).ClassList.Should().NotContain("unread");
        hrefs.IndexOf(Url(unread)).Should().BeLessThan(hrefs.IndexOf(Url(read)));
        unreadItem.TextContent.Should().Contain("Acme would like to help with Acme Electric Kettle 1.7 L");
    }

    [Fact]
    public async Task Open_ShowsTheEmailAndMarksItRead()
    {
        var contactId = await ContactSteps.ContactAsync(portal, "R0331", ContactReason.CustomerSupport);
        using var jane = await portal.SignInAsync(DemoUsers.Customer);
        var (_, page) = await jane.GetPageAsync(Url(contactId));
        page.QuerySelector("h1")!.TextContent.Should().Be("Acme would like to help with Acme Electric Kettle 1.7 L");
        page.QuerySelector(".email-body")!.TextContent.Should().Contain("Hello Jane,");
        await using var db = portal.CreateContext();
        (await db.Contacts.SingleAsync(c => c.Id == contactId)).ReadAt.Should().NotBeNull();
    }

    [Fact]
    public async Task AcceptRefund_AcceptsOnceAndAudits()
    {
        var contactId = await ContactSteps.ContactAsync(portal, "R0281", ContactReason.CourtesyRefund); // 2 × 149.00 USD
        using var jane = await portal.SignInAsync(DemoUsers.Customer);
        var (_, page) = await jane.GetPageAsync(Url(contactId));
        page.QuerySelector("#refund-title")!.ParentElement!.TextContent.Should().Contain("298.00 USD");

        var first = await PostAsync(jane, contactId, "Accept");
        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var second = await PostAsync(jane, contactId, "Accept");
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await second.Content.ReadAsStringAsync()).Should().Contain("You already accepted this refund");

        await using var db = portal.CreateContext();
        var refund = await db.Refunds.SingleAsync(r => r.ContactId == contactId);
        refund.State.Should().Be(RefundState.Accepted);
        refund.AcceptedAt.Should().NotBeNull();
        var audits = await db.AuditEntries.Where(a => a.Action == AuditActions.RefundAccepted && a.ObjectId == contactId.ToString()).ToListAsync();
        audits.Should().ContainSingle().Which.Actor.Should().Be(DemoUsers.Customer);
        audits[0].SellerAccountId.Should().NotBeNull("the seller's administrators see it in their audit log");

        var (_, after) = await jane.GetPageAsync(Url(contactId));
        after.QuerySelector("#refund-accepted")!.TextContent.Should().Contain("You accepted the refund of 298.00 USD");
    }

    [Fact]
    public async Task Reply_OpensTheThreadGrantsContactAndNeedsAResponse()
    {
        var contactId = await ContactSteps.ContactAsync(portal, "R0331", ContactReason.CustomerSupport);
        using var jane = await portal.SignInAsync(DemoUsers.Customer);
        var empty = await PostAsync(jane, contactId, "Reply", new() { ["Reply"] = "   " });
        (await empty.Content.ReadAsStringAsync()).Should().Contain("Write a reply before sending.");

        var response = await PostAsync(jane, contactId, "Reply", new() { ["Reply"] = "Yes please, <the lid> still leaks." });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);

        await using var db = portal.CreateContext();
        var contact = await db.Contacts.SingleAsync(c => c.Id == contactId);
        contact.SupportAnswer.Should().Be(SupportAnswer.Granted);
        var thread = await db.Threads.Include(t => t.Messages).SingleAsync(t => t.ContactId == contactId);
        thread.ResponseNeededSince.Should().NotBeNull();
        thread.Messages.Should().ContainSingle().Which.Body.Should().Be("Yes please, <the lid> still leaks.");
        var (_, page) = await jane.GetPageAsync(Url(contactId));
        page.QuerySelector(".conversation")!.InnerHtml.Should().Contain("&lt;the lid&gt;");
    }

    [Fact]
    public async Task Decline_RecordsTheAnswerAndStopsReplies()
    {
        var contactId = await ContactSteps.ContactAsync(portal, "R0338", ContactReason.CustomerSupport);
        using var jane = await portal.SignInAsync(DemoUsers.Customer);
        (await PostAsync(jane, contactId, "Decline")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var reply = await PostAsync(jane, contactId, "Reply", new() { ["Reply"] = "Actually, yes" });
        (await reply.Content.ReadAsStringAsync()).Should().Contain("You declined this request");
        await using var db = portal.CreateContext();
        (await db.Contacts.SingleAsync(c => c.Id == contactId)).SupportAnswer.Should().Be(SupportAnswer.Declined);
        (await db.Threads.AnyAsync(t => t.ContactId == contactId)).Should().BeFalse();
    }

    [Fact]
    public async Task AnotherCustomer_GetsNotFoundForEveryAction()
    {
        var contactId = await ContactSteps.ContactAsync(portal, "R0331", ContactReason.CustomerSupport);
        using var marie = await portal.SignInAsync(DemoUsers.CustomerBlockingB2);
        (await marie.Http.GetAsync(Url(contactId))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        foreach (var handler in new[] { "Accept", "Reply", "Decline", "Block" })
        {
            var response = await marie.PostFormAsync($"{Url(contactId)}?handler={handler}", new Dictionary<string, string> { ["Reply"] = "hi" },
                "/Account/Login");
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, handler);
        }
        var (_, list) = await marie.GetPageAsync("/YourAccount/MessageCenter");
        list.QuerySelectorAll($"a[href='{Url(contactId)}']").Should().BeEmpty();
        await using var db = portal.CreateContext();
        (await db.CustomerBrandBlocks.AnyAsync(b => b.CustomerId == db.Customers.Single(c => c.Email == "marie@example.test").Id
            && b.BrandId == db.Brands.Single(x => x.Name == "Acme").Id)).Should().BeFalse();
    }

    [Fact]
    public async Task MessageCenter_AsBrandUser_IsRefused()
    {
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var response = await rep.Http.GetAsync("/YourAccount/MessageCenter");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/Account/AccessDenied");
    }
}

/// <summary>Blocking changes eligibility for the whole brand, so it runs on its own database.</summary>
public sealed class MessageCenterBlockTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Fact]
    public async Task Block_StopsTheBrandFromContactingAgain()
    {
        var contactId = await ContactSteps.ContactAsync(portal, "R0338", ContactReason.CustomerSupport); // Acme Outdoors
        using var jane = await portal.SignInAsync(DemoUsers.Customer);
        var url = $"/YourAccount/MessageCenter/{contactId}";
        (await jane.PostFormAsync($"{url}?handler=Block", new Dictionary<string, string>(), url)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var (_, page) = await jane.GetPageAsync(url);
        page.QuerySelector("#brand-blocked")!.TextContent.Should().Contain("You will not receive messages from Acme Outdoors");
        page.QuerySelector("#reply").Should().BeNull("a blocked brand cannot be written to either");

        // Another of Jane's Acme Outdoors reviews: the representative now sees NotBlocked, and a POST changes nothing.
        var otherReview = await ContactSteps.ReviewIdAsync(portal, "R0281");
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (_, contactPage) = await rep.GetPageAsync($"/Brands/Reviews/{otherReview}/Contact");
        contactPage.QuerySelectorAll("#unmet-conditions li").Select(li => li.GetAttribute("data-rule")).Should().Contain("NotBlocked");
        var post = await rep.PostFormAsync($"/Brands/Reviews/{otherReview}/Contact", new Dictionary<string, string> { ["Reason"] = "CourtesyRefund" }, "/Account/Login");
        (await post.Content.ReadAsStringAsync()).Should().Contain("The customer has blocked messages from Acme Outdoors.");
        (await ContactSteps.ContactIdAsync(portal, otherReview)).Should().BeNull();

        // Acme (another brand) is not affected.
        var (_, acme) = await rep.GetPageAsync($"/Brands/Reviews/{await ContactSteps.ReviewIdAsync(portal, "R0331")}/Contact");
        acme.QuerySelector("#contact-form").Should().NotBeNull();
    }
}
