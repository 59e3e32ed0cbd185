using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BrandPortal.Core.Data.Replicas;

/// <summary>
/// Interceptor on the primary's DbContext: a statement that ran marks the primary up, a connection that failed marks it
/// down. Every user of the primary (requests, both outboxes, the alert digests) feeds it, so the status follows the
/// server within one poll interval even when no one is using the portal.
/// </summary>
public sealed class PrimaryWatch(PrimaryStatus status) : DbCommandInterceptor, IDbConnectionInterceptor
{
    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        status.MarkUp();
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        status.MarkUp();
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        status.MarkUp();
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        status.MarkUp();
        return ValueTask.FromResult(result);
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Failed(eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Exception);
        return Task.CompletedTask;
    }

    void IDbConnectionInterceptor.ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) => Failed(eventData.Exception);

    Task IDbConnectionInterceptor.ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken)
    {
        Failed(eventData.Exception);
        return Task.CompletedTask;
    }

    private void Failed(Exception error)
    {
        if (Outage.Is(error)) status.MarkDown();
    }
}
