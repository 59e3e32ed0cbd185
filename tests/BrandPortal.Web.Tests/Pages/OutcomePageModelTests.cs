using BrandPortal.Core;
using BrandPortal.Web.Pages;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Xunit;

namespace BrandPortal.Web.Tests.Pages;

/// <summary>One outcome, one page result: the mapping every form page relies on.</summary>
public sealed class OutcomePageModelTests
{
    private sealed class FormPage : OutcomePageModel
    {
        public int Shown { get; private set; }

        public Task<IActionResult> Again()
        {
            Shown++;
            return Task.FromResult<IActionResult>(Page());
        }
    }

    private static readonly OutcomeReason Rule = new("CanEdit", "You can only read.", "Ask for View and Edit.");

    [Fact]
    public async Task ShowAsync_Done_RedirectsToThePageWithTheNotice()
    {
        var page = new FormPage();
        var result = await page.ShowAsync(Outcome.Done("Saved."), page.Again, new { id = 7 });
        var redirect = result.Should().BeOfType<RedirectToPageResult>().Subject;
        redirect.RouteValues.Should().ContainKey("id").WhoseValue.Should().Be(7);
        page.Notice.Should().Be("Saved.");
        page.Error.Should().BeNull();
        page.Shown.Should().Be(0);
    }

    [Fact]
    public async Task ShowAsync_Refused_ShowsThePageAgainWithMessageAndReasons()
    {
        var page = new FormPage();
        var result = await page.ShowAsync(Outcome.Refused("Not allowed:", [Rule]), page.Again);
        result.Should().BeOfType<PageResult>().Which.StatusCode.Should().BeNull();
        page.Error.Should().Be("Not allowed:");
        page.Reasons.Should().Equal(Rule);
        page.Notice.Should().BeNull();
        page.Shown.Should().Be(1);
    }

    [Fact]
    public async Task ShowAsync_Conflict_ShowsThePageAgainWith409()
    {
        var page = new FormPage();
        var result = await page.ShowAsync(Outcome.Conflict("Already decided."), page.Again);
        result.Should().BeOfType<PageResult>().Which.StatusCode.Should().Be(StatusCodes.Status409Conflict);
        page.Error.Should().Be("Already decided.");
    }

    [Fact]
    public async Task ShowAsync_NotFoundAndForbidden_Are404And403WithoutShowingThePage()
    {
        var page = new FormPage();
        (await page.ShowAsync(Outcome.NotFound, page.Again)).Should().BeOfType<NotFoundResult>();
        (await page.ShowAsync(Outcome.Forbidden, page.Again)).Should().BeOfType<StatusCodeResult>().Which.StatusCode.Should().Be(403);
        page.Shown.Should().Be(0);
        page.Error.Should().BeNull();
    }

    [Fact]
    public async Task ShowAsync_RefusedOnPageWhoseGetReturnsNothing_ShowsThePage()
    {
        var page = new FormPage();
        var reloaded = false;
        var result = await page.ShowAsync(Outcome.Refused("No."), () =>
        {
            reloaded = true;
            return Task.CompletedTask;
        });
        result.Should().BeOfType<PageResult>();
        reloaded.Should().BeTrue();
    }
}
