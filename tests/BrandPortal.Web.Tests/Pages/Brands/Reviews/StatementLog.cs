using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BrandPortal.Web.Tests.Pages.Brands.Reviews;

/// <summary>
/// Every SQL statement the portal's DbContext sends for an HTTP request, for tests that count them. The background
/// jobs' own statements (the outbox and webhook dispatchers polling, the overdue check) run outside any request and
/// are not counted: they are no request's cost.
/// </summary>
public sealed class StatementLog : DbCommandInterceptor
    {
        // The accessor's current request lives in an AsyncLocal: set on a request's flow, null on a background job's.
        private readonly HttpContextAccessor _request = new();

        public ConcurrentQueue<string> Commands { get; } = new();

        private void Log(DbCommand command)
        {
            if (_request.HttpContext is not null) Commands.Enqueue(command.CommandText);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Log(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Log(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Log(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
