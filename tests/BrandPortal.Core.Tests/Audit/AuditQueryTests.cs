using BrandPortal.Core.Audit;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Audit;

/// <summary>
/// The audit log read straight through <see cref="AuditQuery"/> on the demo data (which holds no audit entries of its
/// own): admin@acme.test administers Acme Trading, admin@globex.test Globex Retail, support@brandportal.test sees all.
/// Entries are written with <see cref="AuditLog.Audit"/>, as the services write them.
/// </summary>
public sealed class AuditQueryTests : DemoDatabaseTest
{
    private const string AcmeAdmin = "admin@acme.test";
    private const string GlobexAdmin = "admin@globex.test";
    private const string Support = "support@brandportal.test";
    private static readonly DateTimeOffset Noon = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private long _acme;
    private long _globex;

    protected override async Task ArrangeAsync()
    {
        _acme = await AccountIdAsync("Acme Trading");
        _globex = await AccountIdAsync("Globex Retail");
    }

    /// <summary>Writes one entry per call, each in its own SaveChanges, so ids ascend in the order given.</summary>
    private async Task AddAsync(string actor, string action, long? account, DateTimeOffset at, string objectId = "1", string? after = null)
    {
        await using var db = Check();
        db.Audit(new Actor(null, actor, account, "192.0.2.10"), action, "Test", objectId, null, after, at);
        await db.SaveChangesAsync();
    }

    private async Task<IReadOnlyList<AuditRow>> PageAsync(string email, AuditFilter filter)
    {
        var page = await new AuditQuery(Db).PageAsync(await UserAsync(email), filter);
        page.Should().NotBeNull();
        return page!.Value.Rows;
    }

    private static AuditFilter Filter(string? actor = null, string? action = null, string? from = null, string? to = null, string? after = null)
    {
        var (filter, errors) = AuditFilter.Parse(actor, action, from, to, after);
        errors.Should().BeEmpty();
        return filter;
    }

    [Fact]
    public async Task Page_AccountAdministrator_SeesOnlyTheirOwnAccountsEntries()
    {
        await AddAsync("rep.one@acme.test", AuditActions.SignIn, _acme, Noon);
        await AddAsync("rep@globex.test", AuditActions.SignIn, _globex, Noon);
        await AddAsync("system", AuditActions.PlanChanged, null, Noon);

        (await PageAsync(AcmeAdmin, Filter())).Select(r => r.Actor).Should().Equal("rep.one@acme.test");
        (await PageAsync(GlobexAdmin, Filter())).Select(r => r.Actor).Should().Equal("rep@globex.test");
    }

    [Fact]
    public async Task Page_Support_SeesEveryAccountsEntriesAndThoseOfNoAccount()
    {
        await AddAsync("rep.one@acme.test", AuditActions.SignIn, _acme, Noon);
        await AddAsync("rep@globex.test", AuditActions.SignIn, _globex, Noon);
        await AddAsync("system", AuditActions.PlanChanged, null, Noon);

        (await PageAsync(Support, Filter())).Select(r => r.Actor).Should().BeEquivalentTo("rep.one@acme.test", "rep@globex.test", "system");
    }

    [Theory]
    [InlineData("rep.one@acme.test")]
    [InlineData("viewer@acme.test")]
    [InlineData("registry@acme.test")]
    public async Task Page_UserNeitherAccountAdministratorNorSupport_IsNull(string email)
    {
        await AddAsync("rep.one@acme.test", AuditActions.SignIn, _acme, Noon);
        var user = await UserAsync(email);

        AuditQuery.MayRead(user).Should().BeFalse();
        (await new AuditQuery(Db).PageAsync(user, Filter())).Should().BeNull();
        new AuditQuery(Db).StreamAsync(user, Filter()).Should().BeNull();
    }

    [Fact]
    public async Task Page_ActionFilter_ReturnsOnlyThatAction()
    {
        await AddAsync("rep.one@acme.test", AuditActions.SignIn, _acme, Noon);
        await AddAsync("rep.one@acme.test", AuditActions.ContactSent, _acme, Noon);
        await AddAsync("rep.one@acme.test", AuditActions.SignOut, _acme, Noon);

        (await PageAsync(AcmeAdmin, Filter(action: AuditActions.ContactSent))).Select(r => r.Action).Should().Equal(AuditActions.ContactSent);
    }

    [Fact]
    public async Task Page_ActorFilter_MatchesPartOfTheEmailIgnoringCase()
    {
        await AddAsync("rep.one@acme.test", AuditActions.SignIn, _acme, Noon);
        await AddAsync("viewer@acme.test", AuditActions.SignIn, _acme, Noon);

        (await PageAsync(AcmeAdmin, Filter(actor: "REP.ONE"))).Select(r => r.Actor).Should().Equal("rep.one@acme.test");
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\\")]
    public async Task Page_ActorFilterWithLikeWildcard_MatchesItLiterally(string wildcard)
    {
        await AddAsync("rep.one@acme.test", AuditActions.SignIn, _acme, Noon);
        await AddAsync($"odd{wildcard}name@acme.test", AuditActions.SignIn, _acme, Noon);

        (await PageAsync(AcmeAdmin, Filter(actor: wildcard))).Select(r => r.Actor).Should().Equal($"odd{wildcard}name@acme.test");
    }

    [Fact]
    public async Task Page_DateRange_IncludesWholeFromAndToDaysInUtc()
    {
        await AddAsync("before", AuditActions.SignIn, _acme, new DateTimeOffset(2026, 6, 9, 23, 59, 59, TimeSpan.Zero));
        await AddAsync("first", AuditActions.SignIn, _acme, new DateTimeOffset(2026, 6, 10, 0, 0, 0, TimeSpan.Zero));
        await AddAsync("last", AuditActions.SignIn, _acme, new DateTimeOffset(2026, 6, 12, 23, 59, 59, TimeSpan.Zero));
        await AddAsync("after", AuditActions.SignIn, _acme, new DateTimeOffset(2026, 6, 13, 0, 0, 0, TimeSpan.Zero));

        (await PageAsync(AcmeAdmin, Filter(from: "2026-06-10", to: "2026-06-12"))).Select(r => r.Actor).Should().Equal("last", "first");
    }

    [Fact]
    public async Task Page_DateRangeAtTheAcceptedBounds_IncludesEntriesOnTheFirstAndLastAcceptedDay()
    {
        await AddAsync("first-day", AuditActions.SignIn, _acme, new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await AddAsync("last-day", AuditActions.SignIn, _acme, new DateTimeOffset(2100, 12, 31, 23, 59, 59, TimeSpan.Zero));
        await AddAsync("earlier", AuditActions.SignIn, _acme, new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero));

        (await PageAsync(AcmeAdmin, Filter(from: "2000-01-01", to: "2100-12-31"))).Select(r => r.Actor).Should().Equal("last-day", "first-day");
    }

    [Theory]
    [InlineData("1999-12-31", null)]
    [InlineData(null, "2101-01-01")]
    public async Task Page_DateOutsideTheAcceptedBounds_IsDroppedWithAnErrorAndEveryEntryShows(string? from, string? to)
    {
        await AddAsync("old", AuditActions.SignIn, _acme, new DateTimeOffset(1999, 6, 1, 0, 0, 0, TimeSpan.Zero));
        await AddAsync("now", AuditActions.SignIn, _acme, Noon);

        var (filter, errors) = AuditFilter.Parse(null, null, from, to, null);

        errors.Should().ContainSingle().Which.Should().Contain("2000-01-01 and 2100-12-31");
        filter.From.Should().BeNull();
        filter.To.Should().BeNull();
        (await PageAsync(AcmeAdmin, filter)).Select(r => r.Actor).Should().Equal("now", "old");
    }

    [Fact]
    public async Task Page_MoreThanOnePage_NewestFirstByCursorWithoutGapsOrRepeats()
    {
        var total = AuditQuery.PageSize * 2 + 5;
        // Written in one SaveChanges: ids ascend with i, and the timestamps deliberately do not (newest = highest id).
        await using (var db = Check())
        {
            for (var i = 1; i <= total; i++)
                db.Audit(new Actor(null, $"user{i}@acme.test", _acme, null), AuditActions.SignIn, "Test", i.ToString(), null, null, Noon.AddMinutes(-i));
            await db.SaveChangesAsync();
        }
        var query = new AuditQuery(Db);
        var admin = await UserAsync(AcmeAdmin);

        var seen = new List<AuditRow>();
        var pages = new List<int>();
        long? cursor = null;
        while (true)
        {
            var (rows, hasMore) = (await query.PageAsync(admin, Filter(after: cursor?.ToString())))!.Value;
            seen.AddRange(rows);
            pages.Add(rows.Count);
            if (!hasMore) break;
            cursor = rows[^1].Id;
        }

        pages.Should().Equal(AuditQuery.PageSize, AuditQuery.PageSize, 5);
        seen.Select(r => r.Id).Should().BeInDescendingOrder().And.OnlyHaveUniqueItems();
        seen.Select(r => r.ObjectId).Should().Equal(Enumerable.Range(1, total).Reverse().Select(i => i.ToString()));
    }

    [Fact]
    public async Task Page_ExactlyOnePageOfEntries_HasNoMore()
    {
        await using (var db = Check())
        {
            for (var i = 1; i <= AuditQuery.PageSize; i++)
                db.Audit(new Actor(null, "rep.one@acme.test", _acme, null), AuditActions.SignIn, "Test", i.ToString(), null, null, Noon);
            await db.SaveChangesAsync();
        }

        var (rows, hasMore) = (await new AuditQuery(Db).PageAsync(await UserAsync(AcmeAdmin), Filter()))!.Value;

        rows.Should().HaveCount(AuditQuery.PageSize);
        hasMore.Should().BeFalse();
    }

    [Fact]
    public async Task Audit_ValueLongerThan4000Characters_IsStoredTruncatedTo4000()
    {
        await AddAsync("rep.one@acme.test", AuditActions.ContactSent, _acme, Noon, after: new string('x', 5000));

        var stored = (await AuditAsync(AuditActions.ContactSent)).Should().ContainSingle().Subject;
        stored.After.Should().HaveLength(4000);
    }

    [Fact]
    public async Task Audit_ExplicitSellerAccount_OverridesTheActorsAccount()
    {
        // Support acts on a seller account it does not belong to: the entry must land in that account's log.
        await using (var db = Check())
        {
            db.Audit(new Actor(null, Support, null, null), AuditActions.StandingChanged, "SellerAccount", _globex.ToString(), "Good", "AtRisk", Noon, _globex);
            await db.SaveChangesAsync();
        }

        (await PageAsync(GlobexAdmin, Filter())).Select(r => r.Action).Should().Equal(AuditActions.StandingChanged);
        (await PageAsync(AcmeAdmin, Filter())).Should().BeEmpty();
    }

    [Fact]
    public void AuditActions_All_ListsEveryActionConstantOnceInOrdinalOrder()
    {
        AuditActions.All.Should().Contain([AuditActions.SignIn, AuditActions.CaseDecided, AuditActions.AlertsChanged])
            .And.OnlyHaveUniqueItems()
            .And.BeInAscendingOrder(StringComparer.Ordinal);
        AuditActions.All.Should().HaveCount(typeof(AuditActions).GetFields().Count(f => f.IsLiteral));
    }

    [Fact]
    public async Task Stream_Unpaged_ReturnsEveryMatchingEntryNewestFirst()
    {
        await using (var db = Check())
        {
            for (var i = 1; i <= AuditQuery.PageSize + 10; i++)
                db.Audit(new Actor(null, "rep.one@acme.test", _acme, null), AuditActions.SignIn, "Test", i.ToString(), null, null, Noon);
            await db.SaveChangesAsync();
        }

        var rows = new List<AuditRow>();
        await foreach (var row in new AuditQuery(Db).StreamAsync(await UserAsync(AcmeAdmin), Filter())!) rows.Add(row);

        rows.Should().HaveCount(AuditQuery.PageSize + 10);
        rows.Select(r => r.Id).Should().BeInDescendingOrder();
    }
}
