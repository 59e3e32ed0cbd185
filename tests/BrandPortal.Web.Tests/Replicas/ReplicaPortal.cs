using System.Net;
using BrandPortal.Core.Data;
using BrandPortal.Core.Hosting;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Web.Tests.Replicas;

/// <summary>One primary + standby pair for every class of the collection: they stop and start its servers.</summary>
[CollectionDefinition(Name)]
public sealed class ReplicaCollection : ICollectionFixture<ReplicatedPostgres>
{
    public const string Name = "Read replica";
}

/// <summary>The portal over the pair: writes on the primary, stale-tolerant reads on the read connection string.</summary>
public static class ReplicaPortal
{
    /// <summary>Application names that let a test find, in pg_stat_activity, which server ran which connection's statements.</summary>
    public const string PrimaryApp = "bp-primary";
    public const string ReadApp = "bp-read";

    public static PortalFactory Start(ReplicatedPostgres pg, SmtpCapture smtp) => new(
        $"{pg.PrimaryConnectionString};Application Name={PrimaryApp}", smtp, settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:BrandPortalRead"] = $"{pg.ReadConnectionString};Application Name={ReadApp}",
            ["Outbox:PollInterval"] = "00:00:00.250",
            ["Outbox:RetryBaseDelay"] = "00:00:00.200",
            ["Outbox:RetryMaxDelay"] = "00:00:01",
        });

    /// <summary>The last statement of every open connection of the portal's read side on that server.</summary>
    public static async Task<List<string>> ReadStatementsOnAsync(string serverConnectionString)
    {
        await using var conn = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(serverConnectionString) { Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT query FROM pg_stat_activity WHERE application_name = @app", conn);
        cmd.Parameters.AddWithValue("app", ReadApp);
        var statements = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) statements.Add(reader.GetString(0));
        return statements;
    }

    public static async Task<long> ReviewIdAsync(ReplicatedPostgres pg, string externalId)
    {
        await using var db = DbContextOptionsSetup.Create(pg.PrimaryConnectionString);
        return await db.Reviews.Where(r => r.ExternalId == externalId).Select(r => r.Id).SingleAsync();
    }

    public static async Task<int> ContactsOfReviewAsync(string connectionString, long reviewId)
        => await ReplicatedPostgres.ScalarAsync<long>(connectionString, $"SELECT count(*) FROM contacts WHERE review_id = {reviewId}") is var n ? (int)n : 0;

    /// <summary>Posts the Contact Customer form with a token fetched beforehand (the form page itself needs the primary).</summary>
    public static async Task<HttpResponseMessage> PostContactAsync(PortalClient client, long reviewId, string token)
        => await client.Http.PostAsync($"/Brands/Reviews/{reviewId}/Contact", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Reason"] = "CourtesyRefund", ["__RequestVerificationToken"] = token,
        }));

    public static async Task WaitForEmailsAsync(SmtpCapture smtp, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (smtp.Messages.Count < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{smtp.Messages.Count} of {count} emails arrived.");
            await Task.Delay(50);
        }
    }

    public static void ShouldBeRedirect(this HttpResponseMessage response) => response.StatusCode.Should().Be(HttpStatusCode.Redirect);
}
