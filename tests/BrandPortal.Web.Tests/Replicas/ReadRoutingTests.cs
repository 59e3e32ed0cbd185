using System.Net;
using BrandPortal.Core.Data;
using BrandPortal.Core.Hosting;
using BrandPortal.Testing;
using BrandPortal.Web.Tests.Pages.Brands.Reviews;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;
using static BrandPortal.Web.Tests.Replicas.ReplicaPortal;

namespace BrandPortal.Web.Tests.Replicas;

/// <summary>Which server answers what, with a real hot standby streaming from the primary.</summary>
[Collection(ReplicaCollection.Name)]
public sealed class ReadRoutingTests(ReplicatedPostgres pg, ITestOutputHelper output) : IAsyncLifetime
{
    private SmtpCapture _smtp = null!;

    public async Task InitializeAsync() => _smtp = await SmtpCapture.StartAsync();

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    [Fact]
    public async Task ListPages_WithReadReplica_AreReadOnTheStandbyNeverOnThePrimary()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var portal = Start(pg, _smtp);
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);

        // Twice: the second time the saved views come from their cache, so the page's own statement is the last one.
        for (var i = 0; i < 2; i++) (await rep.Http.GetAsync("/Brands/Reviews")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReplicatedPostgres.ScalarAsync<bool>(pg.StandbyConnectionString, "SELECT pg_is_in_recovery()")).Should().BeTrue();
        (await ReadStatementsOnAsync(pg.StandbyConnectionString)).Should()
            .Contain(q => q.Contains("FROM reviews r", StringComparison.Ordinal), "the review list's card statement ran on the standby");

        foreach (var page in new[] { "/Brands", "/Brands/Messages" })
            (await rep.Http.GetAsync(page)).StatusCode.Should().Be(HttpStatusCode.OK, page);
        var onStandby = await ReadStatementsOnAsync(pg.StandbyConnectionString);
        var onPrimary = await ReadStatementsOnAsync(pg.PrimaryConnectionString);
        output.WriteLine($"read connections: {onStandby.Count} on the standby, {onPrimary.Count} on the primary");
        onStandby.Should().NotBeEmpty();
        // Npgsql may open a connection to the primary to learn what it is (load balancing over both hosts with
        // prefer-standby asks each host SHOW default_transaction_read_only, and loads its types): none of the pages'
        // statements runs there.
        onPrimary.Should().OnlyContain(q => q.Length == 0 || q.StartsWith("SELECT version();", StringComparison.Ordinal)
                                            || q.StartsWith("SHOW default_transaction_read_only", StringComparison.Ordinal),
            "no page's statement ran on the primary while the standby answered");
    }

    [Fact]
    public async Task ReviewsList_ReplayPausedAfterOwnContact_ShowsContactedToTheUserWhoContacted()
    {
        await using var portal = Start(pg, _smtp);
        using var rep = await portal.SignInAsync(DemoUsers.RepTwoBrands);
        var reviewId = await ReviewIdAsync(pg, "R0063");
        var lag = await pg.WaitForReplayAsync();
        output.WriteLine($"replication lag seen after sign-in: {lag.TotalMilliseconds:F0} ms until the standby replayed the primary's position");

        await pg.PauseReplayAsync();
        try
        {
            var token = await rep.AntiforgeryTokenAsync($"/Brands/Reviews/{reviewId}/Contact");
            (await PostContactAsync(rep, reviewId, token)).ShouldBeRedirect();
            (await ContactsOfReviewAsync(pg.PrimaryConnectionString, reviewId)).Should().Be(1);
            (await ContactsOfReviewAsync(pg.StandbyConnectionString, reviewId)).Should().Be(0, "replay is paused: the standby does not have the contact");

            await using var db = DbContextOptionsSetup.Create(pg.PrimaryConnectionString);
            var card = await ReviewPages.CardAsync(rep, db, reviewId);
            card.Should().NotBeNull();
            card!.QuerySelector(".contact-state")!.GetAttribute("data-contact-state").Should().Be("yours");
            card.QuerySelector(".contact-state")!.TextContent.Should().Contain("Contacted");
        }
        finally
        {
            await pg.ResumeReplayAsync();
        }
        var caughtUp = await pg.WaitForReplayAsync();
        output.WriteLine($"after resuming replay the standby caught up in {caughtUp.TotalMilliseconds:F0} ms");
    }
}
