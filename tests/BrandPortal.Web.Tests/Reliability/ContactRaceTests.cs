using System.Net;
using BrandPortal.Testing;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;

namespace BrandPortal.Web.Tests.Reliability;

/// <summary>Double clicks, many tabs, a script: fifty Contact Customer POSTs for one review at once.</summary>
public sealed class ContactRaceTests(DemoPortal portal, ITestOutputHelper output) : IClassFixture<DemoPortal>
{
    [Fact]
    public async Task ContactCustomer_FiftyConcurrentPosts_OneContactOneEmailNo500()
    {
        var reviewId = await ContactRace.ReviewIdAsync(portal.ConnectionString, "R0289");
        var statuses = await ContactRace.RunAsync([portal.Factory], reviewId, posts: 50);
        output.WriteLine("50 concurrent POSTs: " + string.Join(", ", statuses.GroupBy(s => (int)s).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}")));

        statuses.Should().OnlyContain(s => s == HttpStatusCode.Redirect || s == HttpStatusCode.OK, "no request fails");
        statuses.Count(s => s == HttpStatusCode.Redirect).Should().Be(1, "one POST sends; the others are told the customer was already contacted");
        await ContactRace.AssertContactedOnceAsync(portal.ConnectionString, portal.Smtp, reviewId);
    }
}
