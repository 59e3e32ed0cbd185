using System.Data.Common;
using BrandPortal.Core.Data;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Xunit;

namespace BrandPortal.Core.Tests.Data;

/// <summary>
/// DirectQuery runs a statement outside EF's query pipeline but keeps what the portal relies on around it: the
/// context's interceptors see the statement, its reader and its failure (the primary's health watch and the tests'
/// statement counts), positional parameters, and parameters that a retry can add to its new command.
/// </summary>
public sealed class DirectQueryTests : DemoDatabaseTest
{
    private readonly Recorder _recorder = new();

    private BrandPortalDbContext Context()
    {
        var options = new DbContextOptionsBuilder<BrandPortalDbContext>();
        options.UseBrandPortalDatabase(Db.Database.GetConnectionString()!).AddInterceptors(_recorder);
        return new BrandPortalDbContext(options.Options);
    }

    [Fact]
    public async Task ListAsync_PositionalParameters_ReadsTheRowsAndTheInterceptorsSeeTheStatementAndItsReader()
    {
        await using var db = Context();
        var sql = "SELECT n, $1::text FROM generate_series(1, $2) n ORDER BY n";

        var rows = await DirectQuery.ListAsync(db, sql, [new NpgsqlParameter<string> { TypedValue = "x" }, new NpgsqlParameter<int> { TypedValue = 3 }],
            r => (r.GetInt32(0), r.GetString(1)));

        rows.Should().Equal((1, "x"), (2, "x"), (3, "x"));
        _recorder.Events.Should().Equal($"executing {sql}", $"executed {sql}");
    }

    [Fact]
    public async Task ListAsync_SameParametersRunTwice_BothRunsRead()
    {
        // A retry (ReadRetryStrategy) adds the same parameters to a new command: each run must release them.
        await using var db = Context();
        NpgsqlParameter[] parameters = [new NpgsqlParameter<long> { TypedValue = 41 }];

        var first = await DirectQuery.ListAsync(db, "SELECT $1 + 1", parameters, r => r.GetInt64(0));
        var second = await DirectQuery.ListAsync(db, "SELECT $1 + 1", parameters, r => r.GetInt64(0));

        first.Should().Equal(42);
        second.Should().Equal(42);
    }

    [Fact]
    public async Task ListAsync_FailingStatement_ThrowsAndTheInterceptorsSeeTheFailure()
    {
        // PrimaryWatch marks the primary down from exactly this event when the failure is an outage.
        await using var db = Context();

        var run = () => DirectQuery.ListAsync(db, "SELECT * FROM no_such_table", [], r => r.GetInt32(0));

        (await run.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be("42P01");
        _recorder.Events.Should().Equal("executing SELECT * FROM no_such_table", "failed SELECT * FROM no_such_table");
        db.Database.GetDbConnection().State.Should().Be(System.Data.ConnectionState.Closed, "the connection goes back to the pool");
    }

    private sealed class Recorder : DbCommandInterceptor
    {
        public List<string> Events { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Events.Add($"executing {command.CommandText}");
            return ValueTask.FromResult(result);
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default)
        {
            Events.Add($"executed {command.CommandText}");
            return ValueTask.FromResult(result);
        }

        public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            Events.Add($"failed {command.CommandText}");
            return Task.CompletedTask;
        }
    }
}
