using BrandPortal.Core.Contacts;
using BrandPortal.Core.Email;
using BrandPortal.Core.Notes;
using BrandPortal.Core.SavedViews;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Core.Tests.Notes;

/// <summary>The demo's notes and saved views: a newcomer signing in as the demo representative sees both kinds.</summary>
public sealed class DemoNotesTests : DemoDatabaseTest
{
    protected override async Task ArrangeAsync()
    {
        await using var seed = Check();
        (await DemoContacts.SeedAsync(seed, new PortalOptions(), TimeProvider.System)).Should().Be(3);
    }

    [Fact]
    public async Task Seed_MakesTwoNotesOnOneAcmeReviewASharedAndAPrivateView_AndNothingTheSecondTime()
    {
        await using (var seed = Check())
        {
            (await DemoNotes.SeedAsync(seed, TimeProvider.System)).Should().Be(4);
            (await DemoNotes.SeedAsync(seed, TimeProvider.System)).Should().Be(0);
        }

        var rep = await UserAsync(DemoContacts.Representative);
        var review = await Db.Reviews.Where(r => r.ExternalId == DemoNotes.Review).Select(r => r.Id).SingleAsync();
        (await new ReviewNoteService(Db, TimeProvider.System).LoadAsync(rep, review))!.Notes.Should().HaveCount(2);
        var views = (await new SavedViewService(Db, TimeProvider.System).ListAsync(rep))!;
        views.Shared.Should().ContainSingle().Which.Should().Match<SavedViewItem>(v => v.Name == DemoNotes.SharedView && v.Query == "stars=1&period=30d");
        views.Private.Should().ContainSingle().Which.Name.Should().Be(DemoNotes.PrivateView);
        (await new ReviewNoteService(Db, TimeProvider.System).LoadAsync(await UserAsync("rep@globex.test"), review))!.Notes
            .Should().BeEmpty("the notes are Acme Trading's");
    }
}
