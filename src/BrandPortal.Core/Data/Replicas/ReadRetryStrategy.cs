using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace BrandPortal.Core.Data.Replicas;

/// <summary>
/// Runs a read statement again when its server stopped answering. When a standby stops, the first statement on each of
/// its pooled connections fails; Npgsql then marks that host offline and clears the pool, so the second attempt
/// connects to the next host of the read connection string (the primary when it is listed). Only the execution of a
/// statement is retried, never rows already read.
/// </summary>
public sealed class ReadRetryStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, maxRetryCount: 2, maxRetryDelay: TimeSpan.FromMilliseconds(50), errorCodesToAdd: null)
{
    /// <summary>
    /// False so that EF streams query results instead of buffering them (it buffers whenever a strategy says it
    /// retries): an audit export reads the whole log row by row. Retrying the start of a statement still happens.
    /// </summary>
    public override bool RetriesOnFailure => false;

    protected override bool ShouldRetryOn(Exception? exception) => Outage.Is(exception);

    protected override TimeSpan? GetNextDelay(Exception lastException)
        => base.GetNextDelay(lastException) is null ? null : TimeSpan.FromMilliseconds(20);
}
