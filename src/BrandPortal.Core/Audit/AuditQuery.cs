using BrandPortal.Core.Data.Replicas;
using System.Globalization;
using BrandPortal.Core.Access;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Filtering;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Audit;

public sealed record AuditRow(long Id, DateTimeOffset At, string Actor, string Action, string ObjectType, string ObjectId,
    string? Before, string? After, string? ClientIp);

/// <summary>
/// The audit log's filter as it appears in the URL: actor (part of the email), action, from/to dates (UTC, inclusive)
/// and the cursor <c>after</c> (the last entry id of the previous page). Parsing never throws: bad values become errors.
/// </summary>
public sealed record AuditFilter(string? Actor, string? Action, DateOnly? From, DateOnly? To, long? After)
{
    public static (AuditFilter Filter, IReadOnlyList<string> Errors) Parse(string? actor, string? action, string? from, string? to, string? after)
    {
        var (filter, errors) = ParseWithTemplates(actor, action, from, to, after);
        return (filter, errors.Select(e => e.Render()).ToList());
    }

    /// <summary>As <see cref="Parse"/>, with each error as an English format and its values, for the page to translate.</summary>
    public static (AuditFilter Filter, IReadOnlyList<MessageTemplate> Errors) ParseWithTemplates(string? actor, string? action, string? from, string? to, string? after)
    {
        var errors = new List<MessageTemplate>();
        void Error(MessageTemplateHandler message) => errors.Add(message.ToTemplate());
        actor = string.IsNullOrWhiteSpace(actor) ? null : actor.Trim();
        if (actor is { Length: > 254 }) { Error($"The actor filter is too long (at most 254 characters)."); actor = null; }
        if (actor is not null && actor.Any(char.IsControl)) { Error($"The actor filter contains control characters; it was ignored."); actor = null; }
        action = string.IsNullOrWhiteSpace(action) ? null : action.Trim();
        if (action is not null && !AuditActions.All.Contains(action)) { Error($"There is no action \"{Shorten(action)}\"; choose one from the list."); action = null; }
        var fromDate = Date(from, "From", errors);
        var toDate = Date(to, "To", errors);
        if (fromDate > toDate) { Error($"The From date is after the To date."); fromDate = toDate = null; }
        long? cursor = null;
        if (!string.IsNullOrEmpty(after))
        {
            if (long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) cursor = id;
            else Error($"The page link is not valid; showing the first page.");
        }
        return (new AuditFilter(actor, action, fromDate, toDate, cursor), errors);
    }

    private static DateOnly? Date(string? value, string name, List<MessageTemplate> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        MessageTemplate Error(MessageTemplateHandler message) => message.ToTemplate();
        switch (FilterDate.TryParse(value, out var day))
        {
            case FilterDateProblem.None: return day;
            case FilterDateProblem.OutOfRange:
                errors.Add(Error($"{name} must be between {FilterDate.Earliest:yyyy-MM-dd} and {FilterDate.Latest:yyyy-MM-dd}; it was ignored."));
                return null;
            default: errors.Add(Error($"{name} must be a date like {FilterDate.Example}.")); return null;
        }
    }

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;
}

/// <summary>
/// Reads the audit log for the people allowed to: Support sees every entry, an account administrator the entries of
/// their own seller account, anyone else nothing (null).
/// </summary>
public sealed class AuditQuery(ReadDb read)
{
    /// <summary>Stale-tolerant: the audit page and its export read a standby when one is configured.</summary>
    private BrandPortalDbContext db => read.Context;

    public const int PageSize = 50;

    public static bool MayRead(UserAccess user) => user.IsSupport || user.ManagesUsers;

    /// <summary>One page, newest first, by cursor (never OFFSET); HasMore says whether another page follows.</summary>
    public async Task<(IReadOnlyList<AuditRow> Rows, bool HasMore)?> PageAsync(UserAccess user, AuditFilter filter, CancellationToken ct = default)
    {
        var query = Scoped(user, filter);
        if (query is null) return null;
        if (filter.After is { } after) query = query.Where(a => a.Id < after);
        var rows = await Project(query.OrderByDescending(a => a.Id)).Take(PageSize + 1).ToListAsync(ct);
        return (rows.Take(PageSize).ToList(), rows.Count > PageSize);
    }

    /// <summary>Every matching entry, streamed from the database (no page limit, no buffering of the whole log).</summary>
    public IAsyncEnumerable<AuditRow>? StreamAsync(UserAccess user, AuditFilter filter)
    {
        var query = Scoped(user, filter);
        return query is null ? null : Project(query.OrderByDescending(a => a.Id)).AsAsyncEnumerable();
    }

    private IQueryable<AuditEntry>? Scoped(UserAccess user, AuditFilter filter)
    {
        if (!MayRead(user)) return null;
        var query = db.AuditEntries.AsNoTracking();
        if (!user.IsSupport)
        {
            var accountId = user.SellerAccountId!.Value;
            query = query.Where(a => a.SellerAccountId == accountId);
        }
        if (filter.Actor is { } actor)
        {
            var pattern = "%" + actor.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(a => EF.Functions.ILike(a.Actor, pattern, "\\"));
        }
        if (filter.Action is { } action) query = query.Where(a => a.Action == action);
        if (filter.From is { } from)
        {
            var start = FilterDate.StartOf(from);
            query = query.Where(a => a.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = FilterDate.EndOf(to);
            query = query.Where(a => a.At < end);
        }
        return query;
    }

    private static IQueryable<AuditRow> Project(IQueryable<AuditEntry> q)
        => q.Select(a => new AuditRow(a.Id, a.At, a.Actor, a.Action, a.ObjectType, a.ObjectId, a.Before, a.After, a.ClientIp));
}
