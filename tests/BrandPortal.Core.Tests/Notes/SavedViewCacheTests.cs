using BrandPortal.Core.SavedViews;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Core.Tests.Notes;

/// <summary>The filter panel's views from SavedViewCache: fresh after a change through the service, rights always fresh.</summary>
public sealed class SavedViewCacheTests : DemoDatabaseTest
{
    [Fact]
    public async Task ListForPanel_AfterASaveThroughTheService_ShowsItAtOnceToTheWholeAccount()
    {
        var cache = new SavedViewCache();
        var rep = await UserAsync("rep.two@acme.test");
        var colleague = await UserAsync("rep.one@acme.test");
        var service = new SavedViewService(Db, TimeProvider.System, cache);
        (await service.ListForPanelAsync(colleague))!.Count.Should().Be(0);

        (await service.SaveAsync(rep, ActorOf(rep), "Shared now", SavedViewVisibility.Shared, "stars=1")).Succeeded.Should().BeTrue();

        (await service.ListForPanelAsync(colleague))!.Shared.Select(v => v.Name).Should().Equal("Shared now");
    }

    [Fact]
    public async Task ListForPanel_ChangeMadeElsewhere_TrailsByTheLifetimeAtMost_TheViewsPageReadsFresh()
    {
        var cache = new SavedViewCache();
        var rep = await UserAsync("rep.two@acme.test");
        var service = new SavedViewService(Db, TimeProvider.System, cache);
        (await service.SaveAsync(rep, ActorOf(rep), "Old name", SavedViewVisibility.Private, "stars=1")).Succeeded.Should().BeTrue();
        (await service.ListForPanelAsync(rep))!.Private.Single().Name.Should().Be("Old name");

        await Db.Database.ExecuteSqlRawAsync("UPDATE saved_views SET name = 'Renamed elsewhere'"); // another portal instance

        (await service.ListForPanelAsync(rep))!.Private.Single().Name.Should().Be("Old name", "the panel may trail by up to the lifetime");
        (await service.ListAsync(rep))!.Private.Single().Name.Should().Be("Renamed elsewhere");
    }

    [Fact]
    public async Task ListForPanel_PermissionTakenAway_CountsAtOnce()
    {
        var cache = new SavedViewCache();
        var rep = await UserAsync("rep.two@acme.test");
        var service = new SavedViewService(Db, TimeProvider.System, cache);
        (await service.SaveAsync(rep, ActorOf(rep), "Mine", SavedViewVisibility.Private, "stars=1")).Succeeded.Should().BeTrue();
        (await service.ListForPanelAsync(rep))!.CanSave.Should().BeTrue();

        var viewOnly = rep with { Permissions = new Dictionary<BrandPortal.Core.Data.Entities.Permission, BrandPortal.Core.Data.Entities.PermissionLevel>
            { [BrandPortal.Core.Data.Entities.Permission.CustomerReviews] = BrandPortal.Core.Data.Entities.PermissionLevel.View } };
        var list = (await service.ListForPanelAsync(viewOnly))!;
        list.CanSave.Should().BeFalse();
        list.Private.Single().CanChange.Should().BeFalse();
        (await service.ListForPanelAsync(rep with { Permissions = new Dictionary<BrandPortal.Core.Data.Entities.Permission, BrandPortal.Core.Data.Entities.PermissionLevel>() }))
            .Should().BeNull("without Customer Reviews the panel is not shown at all");
    }
}
