using System.Net;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.Brands.Reviews;

/// <summary>
/// The customer context on the Contact page over HTTP, on the shared brand Acme: Acme Trading's earlier contact with
/// the customer shows to its representative, never to Globex Retail's, and the customer's email never shows.
/// </summary>
public sealed class ContactCustomerContextTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Fact]
    public async Task ContactPage_EarlierContactOfThisAccount_ShowsToItsRepresentativeOnlyAndNeverTheEmail()
    {
        // Jane: the demo customer; R0331 is one of her Acme reviews, another of her reviews is the subject.
        await ContactSteps.ContactAsync(portal, "R0331", ContactReason.CourtesyRefund);
        long subject;
        await using (var db = portal.CreateContext())
        {
            var jane = await db.Customers.Where(c => c.Email == DemoUsers.Customer).Select(c => c.Id).SingleAsync();
            subject = await db.Reviews.Where(r => r.CustomerId == jane && db.Brands.Any(b => b.Id == r.BrandId && b.Name == "Acme")
                    && !db.Contacts.Any(c => c.ReviewId == r.Id))
                .OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
        }
        var url = $"/Brands/Reviews/{subject}/Contact";

        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var (response, page) = await rep.GetPageAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("#customer-orders")!.TextContent.Should().MatchRegex(@"\d+ orders? of your brands sold by your account, the last on ");
        page.QuerySelector("#earlier-contacts")!.TextContent.Should().Contain("Courtesy Refund").And.Contain("Refund offered, not accepted");
        page.Body!.OuterHtml.Should().NotContain(DemoUsers.Customer);

        using var globex = await portal.SignInAsync(DemoUsers.OtherTenantRep);
        var (otherResponse, other) = await globex.GetPageAsync(url);
        otherResponse.StatusCode.Should().Be(HttpStatusCode.OK);
        other.QuerySelector("#earlier-contacts").Should().BeNull("Acme Trading's contact is not Globex Retail's");
        other.QuerySelector("#earlier-contacts-none").Should().NotBeNull();
        other.Body!.OuterHtml.Should().NotContain(DemoUsers.Customer);
    }
}
