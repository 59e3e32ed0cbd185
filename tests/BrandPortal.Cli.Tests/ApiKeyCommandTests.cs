using System.Security.Cryptography;
using System.Text;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Cli.Tests;

public sealed class ApiKeyCommandTests(DemoDatabase database) : IClassFixture<DemoDatabase>
{
    private static string LastLine(string output) => output.TrimEnd().Split('\n')[^1].Trim();

    [Fact]
    public async Task Create_Platform_PrintsTheKeyAloneOnTheLastLineAndStoresOnlyItsHash()
    {
        var (exit, output) = await Cli.RunAsync(database.ConnectionString, "apikey", "create", "--platform", "--scopes", "catalog:write,orders:write", "--name", "Order system");

        exit.Should().Be(0, output);
        var key = LastLine(output);
        key.Should().MatchRegex("^bp_live_[a-z0-9]{8}_[a-z0-9]{32}$");
        await using var db = database.CreateContext();
        var stored = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Prefix == key.Substring(0, 16));
        stored.Kind.Should().Be(ApiKeyKind.Platform);
        stored.SellerAccountId.Should().BeNull();
        stored.Scopes.Should().Equal("catalog:write", "orders:write");
        stored.SecretHash.Should().Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        // The key itself is in no column of the row.
        var row = await db.Database.SqlQueryRaw<string>("SELECT t::text AS \"Value\" FROM api_keys t WHERE prefix = {0}", stored.Prefix).SingleAsync();
        row.Should().NotContain(key[17..]);
        (await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.ApiKeyCreated && a.ObjectId == stored.Prefix)).Should().BeTrue();
    }

    [Fact]
    public async Task Create_SellerByExternalId_MakesAnAccountKeyForThatAccount()
    {
        var (exit, output) = await Cli.RunAsync(database.ConnectionString, "apikey", "create", "--seller", "S1", "--scopes", "reviews:read,contacts:read", "--name", "Helpdesk");

        exit.Should().Be(0, output);
        await using var db = database.CreateContext();
        var prefix = LastLine(output)[..16];
        var stored = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Prefix == prefix);
        var s1 = await db.SellerAccounts.SingleAsync(a => a.ExternalId == "S1");
        stored.Kind.Should().Be(ApiKeyKind.Account);
        stored.SellerAccountId.Should().Be(s1.Id);
        stored.CreatedBy.Should().Be("command line");
    }

    [Fact]
    public async Task Create_ScopeOfTheOtherKind_Exits1NamingItAndStoresNothing()
    {
        await using var db = database.CreateContext();
        var before = await db.ApiKeys.CountAsync();

        var (exit, output) = await Cli.RunAsync(database.ConnectionString, "apikey", "create", "--seller", "S1", "--scopes", "reviews:read,orders:write", "--name", "Wrong");

        exit.Should().Be(1, output);
        output.Should().Contain("\"orders:write\"");
        (await db.ApiKeys.CountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Create_UnknownSeller_Exits1NamingIt()
    {
        var (exit, output) = await Cli.RunAsync(database.ConnectionString, "apikey", "create", "--seller", "S999", "--scopes", "reviews:read", "--name", "Nobody");

        exit.Should().Be(1, output);
        output.Should().Contain("S999");
    }

    [Fact]
    public async Task Create_BothPlatformAndSeller_Exits2WithUsage()
    {
        var (exit, output) = await Cli.RunWithoutDatabaseAsync("apikey", "create", "--platform", "--seller", "S1", "--scopes", "reviews:read", "--name", "X");

        exit.Should().Be(2);
        output.Should().Contain("Usage:");
    }

    [Fact]
    public async Task ListAndRevoke_ByPrefix_ListsTheKeyThenMarksItRevokedAndAudits()
    {
        var (_, created) = await Cli.RunAsync(database.ConnectionString, "apikey", "create", "--platform", "--scopes", "reviews:write", "--name", "Review feed");
        var prefix = LastLine(created)[..16];

        var (listExit, listed) = await Cli.RunAsync(database.ConnectionString, "apikey", "list");
        var (revokeExit, revoked) = await Cli.RunAsync(database.ConnectionString, "apikey", "revoke", prefix);

        listExit.Should().Be(0, listed);
        listed.Should().Contain(prefix).And.Contain("Review feed").And.Contain("reviews:write").And.NotContain(LastLine(created));
        revokeExit.Should().Be(0, revoked);
        await using var db = database.CreateContext();
        (await db.ApiKeys.SingleAsync(k => k.Prefix == prefix)).RevokedAt.Should().NotBeNull();
        (await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.ApiKeyRevoked && a.ObjectId == prefix)).Should().BeTrue();
    }

    [Fact]
    public async Task Revoke_UnknownPrefix_Exits1()
    {
        var (exit, output) = await Cli.RunAsync(database.ConnectionString, "apikey", "revoke", "bp_live_zzzzzzzz");

        exit.Should().Be(1, output);
        output.Should().Contain("bp_live_zzzzzzzz");
    }
}
