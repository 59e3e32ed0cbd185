using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Xunit;

namespace BrandPortal.Core.Tests.Data;

public sealed class SchemaTests
{
    [Fact]
    public async Task Migrations_ApplyToAnEmptyDatabase()
    {
        await TestPostgres.ServerAsync();
        var name = $"bp_mig_{Guid.NewGuid():N}"[..24];
        await TestPostgres.ExecuteAsync(await TestPostgres.ServerAsync(), $"CREATE DATABASE {name}");
        var cs = TestPostgres.ConnectionString(name);
        try
        {
            await using var db = DbContextOptionsSetup.Create(cs);
            await DatabaseInitializer.MigrateAsync(db);
            (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
            (await db.Database.GetAppliedMigrationsAsync()).Should().NotBeEmpty();
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(cs);
        }
    }

    [Fact]
    public async Task Migration_OneOpenCase_ClosesDuplicatesOpenedBeforeTheIndex()
    {
        var name = $"bp_mig_{Guid.NewGuid():N}"[..24];
        await TestPostgres.ExecuteAsync(await TestPostgres.ServerAsync(), $"CREATE DATABASE {name}");
        var cs = TestPostgres.ConnectionString(name);
        try
        {
            await using var db = DbContextOptionsSetup.Create(cs);
            // Today's import writes today's tables (webhook events with the reviews), so the demo data is seeded on
            // today's schema, which is then taken back to the migration before the one under test: the rows of the
            // tables that existed then stay.
            var migrator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
            await migrator.MigrateAsync();
            await DatabaseInitializer.SeedDemoAsync(db, TimeProvider.System);
            await migrator.MigrateAsync("20261127182959_ReviewAlerts");
            // What the race left behind: three open cases for one user and brand, and an open one for another brand.
            const string insert = """
                INSERT INTO cases (requester_user_id, subject_user_id, brand_id, justification, state, created_at)
                SELECT (SELECT min(id) FROM users WHERE seller_account_id IS NOT NULL), (SELECT max(id) FROM users WHERE seller_account_id IS NOT NULL),
                       (SELECT id FROM brands WHERE external_id = '{0}'), 'race {1}', 'Open', now()
                """;
            foreach (var (brand, i) in new[] { ("B1", 1), ("B1", 2), ("B1", 3), ("B2", 4) })
                await TestPostgres.ExecuteAsync(cs, string.Format(System.Globalization.CultureInfo.InvariantCulture, insert, brand, i));

            await DatabaseInitializer.MigrateAsync(db);

            var cases = await db.Cases.AsNoTracking().Where(c => c.Justification.StartsWith("race ")).OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.Justification, c.State, c.DecisionNote }).ToListAsync();
            cases.Select(c => (c.Justification, c.State)).Should().Equal(
                ("race 1", CaseState.Open), ("race 2", CaseState.Rejected), ("race 3", CaseState.Rejected), ("race 4", CaseState.Open));
            cases[1].DecisionNote.Should().Contain($"duplicate of case BR-{cases[0].Id:D5}");
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(cs);
        }
    }
}

public sealed class ConstraintTests(DemoDatabase database) : IClassFixture<DemoDatabase>
{
    private async Task<PostgresException> FailsAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(database.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        var act = async () => await cmd.ExecuteNonQueryAsync();
        return (await act.Should().ThrowAsync<PostgresException>()).Which;
    }

    [Fact]
    public async Task Database_RefusesRatingOutsideOneToFive()
        => (await FailsAsync("UPDATE reviews SET rating = 6 WHERE id = (SELECT min(id) FROM reviews)")).ConstraintName.Should().Be("ck_reviews_rating");

    [Fact]
    public async Task Database_RefusesDuplicateExternalIds()
        => (await FailsAsync("INSERT INTO brands (external_id, name, registered) VALUES ('B1', 'Again', true)")).SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);

    [Fact]
    public async Task Database_RefusesDanglingForeignKeys()
        => (await FailsAsync("UPDATE reviews SET product_id = -1 WHERE id = (SELECT min(id) FROM reviews)")).SqlState.Should().Be(PostgresErrorCodes.ForeignKeyViolation);

    [Fact]
    public async Task Database_RefusesASecondContactForOneReview()
    {
        const string insert = """
            INSERT INTO contacts (review_id, brand_id, customer_id, sent_by_user_id, reason, sent_at, support_answer)
            SELECT r.id, r.brand_id, r.customer_id, (SELECT min(id) FROM users WHERE seller_account_id IS NOT NULL), 'CustomerSupport', now(), 'None'
            FROM reviews r WHERE r.external_id = 'R0001'
            """;
        await TestPostgres.ExecuteAsync(database.ConnectionString, insert);
        (await FailsAsync(insert)).SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);
    }

    [Fact]
    public async Task Database_RefusesASecondOpenCaseForOneBrandAndUser_ButNotOneAfterADecision()
    {
        const string insert = """
            INSERT INTO cases (requester_user_id, subject_user_id, brand_id, justification, state, created_at)
            SELECT (SELECT min(id) FROM users WHERE seller_account_id IS NOT NULL), (SELECT max(id) FROM users WHERE seller_account_id IS NOT NULL),
                   (SELECT id FROM brands WHERE external_id = 'B1'), 'constraint test', 'Open', now()
            """;
        await TestPostgres.ExecuteAsync(database.ConnectionString, insert);
        (await FailsAsync(insert)).ConstraintName.Should().Be("ux_cases_one_open_per_brand_and_user");
        await TestPostgres.ExecuteAsync(database.ConnectionString, "UPDATE cases SET state = 'Rejected' WHERE justification = 'constraint test'");
        await TestPostgres.ExecuteAsync(database.ConnectionString, insert);
    }

    [Fact]
    public async Task Database_RefusesToChangeOrDeleteAuditEntries()
    {
        await TestPostgres.ExecuteAsync(database.ConnectionString,
            "INSERT INTO audit_entries (at, actor, action, object_type, object_id) VALUES (now(), 'test', 'SignIn', 'User', '1')");
        (await FailsAsync("UPDATE audit_entries SET actor = 'someone else'")).MessageText.Should().Contain("never updated or deleted");
        (await FailsAsync("DELETE FROM audit_entries")).MessageText.Should().Contain("never updated or deleted");
        (await FailsAsync("TRUNCATE audit_entries")).MessageText.Should().Contain("never updated or deleted");
    }
}
