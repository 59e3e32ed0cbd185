using System.Net;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.Brands.Reviews;

public sealed class ContactTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Fact]
    public async Task Get_EligibleReview_ShowsBothReasonsWithTheirExactEmails()
    {
        var id = await ContactSteps.ReviewIdAsync(portal, "R0289");
        using var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (response, page) = await client.GetPageAsync($"/Brands/Reviews/{id}/Contact");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("#preview-CourtesyRefund")!.TextContent.Should().Contain("Hello Jane,").And.Contain("full refund of $44.50");
        page.QuerySelector("#preview-CustomerSupport")!.TextContent.Should().Contain("May we contact you through buyer-seller messaging?");
        page.QuerySelectorAll("input[name=Reason]").Select(i => i.GetAttribute("value")).Should().Equal("CourtesyRefund", "CustomerSupport");
        page.QuerySelector(".template-note")!.TextContent.Should().Contain("cannot be customized");
        page.QuerySelector("#contact-form button[type=submit]")!.TextContent.Should().Be("Send");
    }

    [Theory]
    [InlineData("R0332", "German", "de", "Hallo Hans,", "44,50\u00A0€")]      // Hans's order on the DE marketplace
    [InlineData("R0333", "Japanese", "ja", "Taro様", "¥5,250")]            // Taro's order on the JP marketplace
    [InlineData("R0116", "French", "fr", "Bonjour Marie,", "29,99\u00A0€")]  // Marie's order on the FR marketplace
    [InlineData("R0289", "English", "en", "Hello Jane,", "$44.50")]
    public async Task Get_CustomerOfAnotherMarketplace_PreviewIsInTheLanguageThatWillBeSent(
        string review, string language, string code, string greeting, string amount)
    {
        var id = await ContactSteps.ReviewIdAsync(portal, review);
        using var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (response, page) = await client.GetPageAsync($"/Brands/Reviews/{id}/Contact");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var preview = page.QuerySelector("#preview-CourtesyRefund")!;
        preview.TextContent.Should().StartWith(greeting).And.Contain(amount);
        preview.GetAttribute("lang").Should().Be(code);
        page.QuerySelector("#language-CourtesyRefund")!.TextContent.Should().Contain(language);
        page.QuerySelector("#preview-CustomerSupport")!.TextContent.Should().StartWith(greeting);
    }

    [Fact]
    public async Task Get_ReviewOfBrandNotRepresented_Is404WithNothingShown()
    {
        var id = await ContactSteps.ReviewIdAsync(portal, "R0022"); // Globex
        using var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var response = await client.Http.GetAsync($"/Brands/Reviews/{id}/Contact");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("Globex").And.NotContain("Monitor Arm");
    }

    [Fact]
    public async Task Get_MissingReview_Is404()
    {
        using var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        (await client.Http.GetAsync("/Brands/Reviews/987654321/Contact")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_CustomerBlockedBrand_ShowsUnmetConditionsInsteadOfSend()
    {
        var id = await ContactSteps.ReviewIdAsync(portal, "R0337"); // Marie blocked Acme Outdoors
        using var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (_, page) = await client.GetPageAsync($"/Brands/Reviews/{id}/Contact");
        page.QuerySelector("#contact-form").Should().BeNull();
        page.QuerySelectorAll("#unmet-conditions li").Select(li => li.GetAttribute("data-rule")).Should().Contain("NotBlocked");
    }

    [Fact]
    public async Task Post_ViewOnlyUser_IsRefusedWithTheRuleAndChangesNothing()
    {
        var id = await ContactSteps.ReviewIdAsync(portal, "R0116");
        using var client = await portal.SignInAsync(DemoUsers.Viewer);
        var (_, page) = await client.GetPageAsync($"/Brands/Reviews/{id}/Contact");
        page.QuerySelectorAll("#unmet-conditions li").Select(li => li.GetAttribute("data-rule")).Should().Contain("CanEdit");
        // The page offers no form to this user; the POST is made anyway, with the user's own antiforgery token.
        // The POST declares Customer Reviews at View and Edit: it is refused before the handler runs, naming the permission.
        var response = await client.PostFormAsync($"/Brands/Reviews/{id}/Contact", new Dictionary<string, string> { ["Reason"] = "CourtesyRefund" }, "/Account/Login");
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Your Customer Reviews permission is View");
        (await ContactSteps.ContactIdAsync(portal, id)).Should().BeNull();
    }

    [Fact]
    public async Task Contact_CustomerReviewsNone_GetAndPostAre403AndShowNoReview()
    {
        var id = await ContactSteps.ReviewIdAsync(portal, "R0116");
        await using var db = portal.CreateContext();
        var review = await db.Reviews.Where(r => r.Id == id).Select(r => new { r.Title, r.Body }).SingleAsync();
        var (title, body) = (review.Title, review.Body);
        using var client = await portal.SignInAsync(DemoUsers.NoPermission); // represents Acme, Customer Reviews: None

        var get = await client.Http.GetAsync($"/Brands/Reviews/{id}/Contact");
        get.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var html = await get.Content.ReadAsStringAsync();
        html.Should().Contain("Your Customer Reviews permission is None").And.NotContain(title).And.NotContain(body);

        var post = await client.PostFormAsync($"/Brands/Reviews/{id}/Contact", new Dictionary<string, string> { ["Reason"] = "CustomerSupport" }, "/Account/Login");
        post.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await post.Content.ReadAsStringAsync()).Should().NotContain(title);
        (await ContactSteps.ContactIdAsync(portal, id)).Should().BeNull();
    }

    [Fact]
    public async Task Contact_CustomerReviewsView_GetShowsTheReview()
    {
        var id = await ContactSteps.ReviewIdAsync(portal, "R0116");
        string title;
        await using (var db = portal.CreateContext())
            title = await db.Reviews.Where(r => r.Id == id).Select(r => r.Title).SingleAsync();
        using var client = await portal.SignInAsync(DemoUsers.Viewer);
        var get = await client.Http.GetAsync($"/Brands/Reviews/{id}/Contact");
        get.StatusCode.Should().Be(HttpStatusCode.OK);
        (await get.Content.ReadAsStringAsync()).Should().Contain(System.Net.WebUtility.HtmlEncode(title));
    }

    [Fact]
    public void PagePermissions_ContactAndReviews_DeclareCustomerReviewsViewAndEditToSend()
    {
        var table = BrandPortal.Web.Hosting.PagePermissions.Table();
        string Needs(Type page, string handler) => string.Join(",", table.Single(r => r.PageModel == page && r.Handler?.Name == handler).Requires
            .Select(r => $"{r.Permission}:{r.Level}"));
        Needs(typeof(BrandPortal.Web.Pages.Brands.Reviews.ContactModel), "OnGetAsync").Should().Be("CustomerReviews:View");
        Needs(typeof(BrandPortal.Web.Pages.Brands.Reviews.ContactModel), "OnPostAsync").Should().Be("CustomerReviews:ViewAndEdit");
        Needs(typeof(BrandPortal.Web.Pages.Brands.Reviews.IndexModel), "OnGetAsync").Should().Be("CustomerReviews:View");
        Needs(typeof(BrandPortal.Web.Pages.Brands.Reviews.IndexModel), "OnGetCsv").Should().Be("CustomerReviews:View");
        Needs(typeof(BrandPortal.Web.Pages.Brands.Messages.ThreadModel), "OnPostAsync").Should().Be("BuyerSellerMessages:ViewAndEdit");
    }

    [Fact]
    public async Task Post_IdInFormAndQuery_IsIgnored_TheAddressDecides()
    {
        var eligible = await ContactSteps.ReviewIdAsync(portal, "R0289");
        using var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var response = await client.PostFormAsync($"/Brands/Reviews/987654321/Contact?id={eligible}",
            new Dictionary<string, string> { ["id"] = eligible.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Reason"] = "CourtesyRefund" },
            "/Account/Login");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ContactSteps.ContactIdAsync(portal, eligible)).Should().BeNull();
    }

    [Fact]
    public async Task Post_WithoutOrWithUnknownReason_SaysChooseOne()
    {
        var id = await ContactSteps.ReviewIdAsync(portal, "R0116");
        using var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        foreach (var reason in new[] { "", "FreeGift" })
        {
            var response = await client.PostFormAsync($"/Brands/Reviews/{id}/Contact", new Dictionary<string, string> { ["Reason"] = reason });
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            (await response.Content.ReadAsStringAsync()).Should().Contain("Choose a reason");
        }
        (await ContactSteps.ContactIdAsync(portal, id)).Should().BeNull();
    }

    [Fact]
    public async Task Post_ReviewOfBrandNotRepresented_Is404()
    {
        var id = await ContactSteps.ReviewIdAsync(portal, "R0022");
        using var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var response = await client.PostFormAsync($"/Brands/Reviews/{id}/Contact", new Dictionary<string, string> { ["Reason"] = "CustomerSupport" },
            "/Account/Login");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ContactSteps.ContactIdAsync(portal, id)).Should().BeNull();
    }

    [Fact]
    public async Task Post_CourtesyRefund_RecordsContactRefundAuditAndDeliversTheEmail()
    {
        // Oliver's order: 1 × Acme Hand Blender <Pro> at 59.90 GBP.
        var contactId = await ContactSteps.ContactAsync(portal, "R0063", ContactReason.CourtesyRefund);
        await using (var db = portal.CreateContext())
        {
            var refund = await db.Refunds.SingleAsync(r => r.ContactId == contactId);
            refund.Amount.Should().Be(59.90m);
            refund.Currency.Should().Be("GBP");
            refund.State.Should().Be(RefundState.Offered);
            (await db.AuditEntries.CountAsync(a => a.Action == AuditActions.ContactSent && a.After!.Contains($"contact {contactId}"))).Should().Be(1);
        }
        var mail = await WaitForMailAsync("oliver@example.test");
        mail.MessageId.Should().Be($"contact-{contactId}@brandportal");
        mail.Subject.Should().Be("Acme is offering you a full refund for Acme Hand Blender <Pro>");
        mail.Body.Should().BeOfType<MultipartAlternative>();
        mail.TextBody.Should().Contain("Hello Oliver,").And.Contain("full refund of £59.90").And.Contain("Acme Hand Blender <Pro>")
            .And.Contain("http://127.0.0.1:5080/YourAccount/MessageCenter");
        mail.HtmlBody.Should().Contain("Acme Hand Blender &lt;Pro&gt;").And.NotContain("<Pro>").And.Contain("<strong>&#163;59.90</strong>");
        mail.To.Mailboxes.Single().Address.Should().Be("oliver@example.test");
        await ContactSteps.WaitForOutboxAsync(portal, o => o.State == EmailState.Sent, contactId);
    }

    [Fact]
    public async Task Post_CustomerSupport_DeliversTheEmailAndShowsTheTimeline()
    {
        var contactId = await ContactSteps.ContactAsync(portal, "R0331", ContactReason.CustomerSupport);
        var mail = await WaitForMailAsync("jane@example.test");
        mail.Subject.Should().Be("Acme would like to help with Acme Electric Kettle 1.7 L");
        mail.TextBody.Should().Contain("Hello Jane,").And.Contain("May we contact you through buyer-seller messaging?").And.NotContain("refund of");
        mail.HtmlBody.Should().Contain("<strong>Acme Electric Kettle 1.7 L</strong>");
        await using (var db = portal.CreateContext())
            (await db.Refunds.AnyAsync(r => r.ContactId == contactId)).Should().BeFalse();
        await ContactSteps.WaitForOutboxAsync(portal, o => o.State == EmailState.Sent, contactId);

        using var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (_, page) = await client.GetPageAsync($"/Brands/Reviews/{await ContactSteps.ReviewIdAsync(portal, "R0331")}/Contact");
        page.QuerySelector("#contact-form").Should().BeNull();
        var timeline = page.QuerySelector(".timeline")!.TextContent;
        timeline.Should().Contain("Customer Support").And.Contain("Sent by rep.two@acme.test").And.Contain("sent").And.Contain("Not read by the customer yet");
    }

    [Fact]
    public async Task Post_TwentyAtOnce_OneContactOneEmailNo500()
    {
        var id = await ContactSteps.ReviewIdAsync(portal, "R0197"); // Taro
        using var client = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var url = $"/Brands/Reviews/{id}/Contact";
        var token = await client.AntiforgeryTokenAsync(url);
        var posts = Enumerable.Range(0, 20).Select(i => client.Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Reason"] = i % 2 == 0 ? "CourtesyRefund" : "CustomerSupport",
            ["__RequestVerificationToken"] = token,
        })));
        var responses = await Task.WhenAll(posts);

        responses.Select(r => (int)r.StatusCode).Should().OnlyContain(code => code == 302 || code == 200);
        responses.Count(r => r.StatusCode == HttpStatusCode.Redirect).Should().Be(1);
        foreach (var loser in responses.Where(r => r.StatusCode == HttpStatusCode.OK))
            (await loser.Content.ReadAsStringAsync()).Should().Contain("rep.two@acme.test already contacted this customer about this review on");
        await using var db = portal.CreateContext();
        (await db.Contacts.CountAsync(c => c.ReviewId == id)).Should().Be(1);
        var contactId = await db.Contacts.Where(c => c.ReviewId == id).Select(c => c.Id).SingleAsync();
        (await db.OutboxEmails.CountAsync(o => o.ContactId == contactId)).Should().Be(1);
        await ContactSteps.WaitForOutboxAsync(portal, o => o.State == EmailState.Sent, contactId);
        await Task.Delay(300);
        portal.Smtp.Messages.Count(m => m.Recipients.Contains("taro@example.test")).Should().Be(1);
    }

    private async Task<MimeMessage> WaitForMailAsync(string to)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (portal.Smtp.Messages.FirstOrDefault(m => m.Recipients.Contains(to)) is { } found) return found.Message;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No email to {to} arrived.");
    }
}

/// <summary>Globex's representative also represents Acme, through another seller account.</summary>
public sealed class ContactOtherSellerTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Fact]
    public async Task Get_ReviewOfOrderSoldByAnotherSeller_ShowsNoOrderEmailOrTimeline()
    {
        var reviewId = await ContactSteps.ReviewIdAsync(portal, "R0331");
        await ContactSteps.ContactAsync(portal, "R0331", ContactReason.CourtesyRefund);
        using var globex = await portal.SignInAsync(DemoUsers.OtherTenantRep);
        var (response, page) = await globex.GetPageAsync($"/Brands/Reviews/{reviewId}/Contact");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = page.DocumentElement.OuterHtml;
        html.Should().NotContain("111-0000286-0002002").And.NotContain("29.99").And.NotContain("contact-form");
        page.QuerySelector(".timeline").Should().BeNull();
        page.QuerySelectorAll("#unmet-conditions li").Select(li => li.GetAttribute("data-rule")).Should().Contain("SellerOfRecord");
    }
}
