using System.Data.Common;
using BrandPortal.Core.Access;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Xunit;

namespace BrandPortal.Core.Tests.Access;

/// <summary>
/// The per-request access read with the host's <see cref="BrandNameCache"/>: each "request" is a new context and a new
/// AccessService sharing one cache, as the portal's scopes share its singleton. A change made between two requests
/// must show on the second.
/// </summary>
public sealed class BrandNameCacheTests : DemoDatabaseTest
{
    private const string Rep = "rep.two@acme.test"; // represents Acme and Acme Outdoors
    private readonly BrandNameCache cache = new();
    private readonly CommandCounter counter = new();

    [Fact]
    public async Task LoadSession_BrandRenamedAfterAnEarlierRequest_NextRequestShowsTheNewName()
    {
        var acme = await BrandIdAsync("Acme");
        (await RequestAsync(Rep)).RepresentedBrands.Should().Contain(b => b.BrandId == acme && b.BrandName == "Acme");

        await using (var other = Check())
        {
            var brand = await other.Brands.SingleAsync(b => b.Id == acme);
            brand.Name = "Acme Worldwide";
            await other.SaveChangesAsync();
        }

        var next = await RequestAsync(Rep);
        next.RepresentedBrands.Should().Contain(b => b.BrandId == acme && b.BrandName == "Acme Worldwide");
        next.RepresentedBrands.Select(b => b.BrandName).Should().NotContain("Acme");
    }

    [Fact]
    public async Task LoadSession_BrandRoleRevokedAfterAnEarlierRequest_NextRequestNoLongerHasIt()
    {
        var outdoors = await BrandIdAsync("Acme Outdoors");
        (await RequestAsync(Rep)).Represents(outdoors).Should().BeTrue();

        await using (var other = Check())
        {
            var userId = await other.Users.Where(u => u.Email == Rep).Select(u => u.Id).SingleAsync();
            await other.UserBrandRoles.Where(r => r.UserId == userId && r.BrandId == outdoors).ExecuteDeleteAsync();
        }

        var next = await RequestAsync(Rep);
        next.Represents(outdoors).Should().BeFalse();
        next.RepresentedBrands.Should().NotContain(b => b.BrandId == outdoors);
        next.RepresentedBrands.Should().NotBeEmpty("Acme is still represented");
    }

    [Fact]
    public async Task LoadSession_BrandRoleGrantedAfterAnEarlierRequest_NextRequestHasItWithItsName()
    {
        var northwind = await BrandIdAsync("Northwind");
        (await RequestAsync(Rep)).Represents(northwind).Should().BeFalse();

        await using (var other = Check())
        {
            var userId = await other.Users.Where(u => u.Email == Rep).Select(u => u.Id).SingleAsync();
            other.UserBrandRoles.Add(new UserBrandRole { UserId = userId, BrandId = northwind, Role = BrandRole.BrandRepresentative });
            await other.SaveChangesAsync();
        }

        (await RequestAsync(Rep)).RepresentedBrands.Should().Contain(b => b.BrandId == northwind && b.BrandName == "Northwind");
    }

    [Fact]
    public async Task LoadSession_NothingChangedSinceTheLastRequest_ReadsOneStatementAndTheSameNames()
    {
        var first = await RequestAsync(Rep);

        var second = await RequestAsync(Rep);

        counter.Count.Should().Be(1, "the names come from the cache; only the access row is read");
        second.BrandRoles.Should().Equal(first.BrandRoles);
    }

    [Fact]
    public async Task LoadSession_AnotherUserAfterANameChange_SeesTheNewNameToo()
    {
        var acme = await BrandIdAsync("Acme");
        await RequestAsync(Rep);
        await using (var other = Check())
            await other.Database.ExecuteSqlAsync($"UPDATE brands SET name = 'Acme Renamed' WHERE id = {acme}");

        (await RequestAsync("rep.one@acme.test")).RepresentedBrands.Should().ContainSingle()
            .Which.BrandName.Should().Be("Acme Renamed");
    }

    /// <summary>One request's session read: a new context and service, the shared cache.</summary>
    private async Task<UserAccess> RequestAsync(string email)
    {
        var options = new DbContextOptionsBuilder<BrandPortalDbContext>();
        options.UseBrandPortalDatabase(Db.Database.GetConnectionString()!).AddInterceptors(counter);
        await using var db = new BrandPortalDbContext(options.Options);
        var user = await Db.Users.AsNoTracking().Where(u => u.Email == email).Select(u => new { u.Id, u.SecurityStamp }).SingleAsync();
        counter.Count = 0;
        return (await new AccessService(db, brandNames: cache).LoadSessionAsync(user.Id, user.SecurityStamp))!;
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count { get; set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count++;
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
