using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static BrandPortal.Web.Tests.Pages.Brands.Reviews.ReviewPages;

namespace BrandPortal.Web.Tests.Pages.Brands.Reviews;

/// <summary>
/// A page of Customer Reviews renders a fixed set of views, not one per card: a partial per card was a view lookup and
/// a page instance per card, the page's largest cost after its SQL. Cards that were never contacted render inline
/// (a contacted card's state and timeline are partials, one each, and only on such cards).
/// </summary>
public sealed class ReviewsViewCountTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Fact]
    public async Task ReviewsPage_FullPageOfUncontactedCards_RendersNoViewPerCard()
    {
        await using var factory = new PortalFactory(portal.ConnectionString, portal.Smtp);
        var views = new ConcurrentQueue<string>();
        using var subscription = factory.Services.GetRequiredService<DiagnosticListener>().Subscribe(new Observer(views));
        using var client = await factory.SignInAsync(DemoUsers.RepTwoBrands);
        const string url = "/Brands/Reviews?stars=1&stars=2&stars=3&stars=4&stars=5&period=all&contact=none&done=include";
        await client.GetPageAsync(url); // warm-up
        views.Clear();

        var (response, doc) = await client.GetPageAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Cards(doc).Should().HaveCount(25, "a full page");
        doc.QuerySelectorAll(".review-work form.review-work-form input[name=__RequestVerificationToken]").Should().HaveCount(25, "every card's own form can post");
        views.Should().OnlyHaveUniqueItems("no view renders once per card").And.HaveCountLessThan(10, string.Join(", ", views));
    }

    private sealed class Observer(ConcurrentQueue<string> views) : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Value is BeforeViewPageEventData page && page.HttpContext.Request.Path.StartsWithSegments("/Brands/Reviews"))
                views.Enqueue(page.Page.Path);
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
