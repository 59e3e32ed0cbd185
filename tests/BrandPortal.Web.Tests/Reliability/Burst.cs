using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Email;
using BrandPortal.Core.Hosting;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Web.Tests.Reliability;

/// <summary>Queues many outbox emails at once and counts what the SMTP capture received of them.</summary>
public static class Burst
{
    /// <summary>Queues <paramref name="count"/> emails whose Message-Ids are {prefix}-1@brandportal … in one SaveChanges.</summary>
    public static async Task QueueAsync(string connectionString, string prefix, int count)
    {
        await using var db = DbContextOptionsSetup.Create(connectionString);
        var now = DateTimeOffset.UtcNow;
        for (var i = 1; i <= count; i++)
        {
            db.Enqueue(EmailKind.ReviewDigest, $"{prefix}-{i}", $"customer{i}@example.test", $"Customer {i}",
                new RenderedEmail($"Burst email {i}", $"Body {i}", $"<p>Body {i}</p>"), now);
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Received copies of the burst's emails: total, distinct Message-Ids, and how many arrived more than once.</summary>
    public static Tally Count(SmtpCapture smtp, string prefix)
    {
        var ids = smtp.Messages.Select(m => m.Message.MessageId).Where(id => id is not null && id.StartsWith(prefix + "-", StringComparison.Ordinal)).ToList();
        var distinct = ids.Distinct().Count();
        return new Tally(ids.Count, distinct, ids.Count - distinct);
    }

    /// <summary>Waits until every email of the burst has arrived at least once, or the timeout passes.</summary>
    public static async Task<Tally> WaitForAllAsync(SmtpCapture smtp, string prefix, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var tally = Count(smtp, prefix);
        while (tally.Distinct < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            tally = Count(smtp, prefix);
        }
        return tally;
    }

    /// <summary>
    /// Waits until the outbox has marked every email of the burst Sent (the dispatcher marks a batch after sending it),
    /// and returns a description of the rows that are not, grouped by state, attempts and error.
    /// </summary>
    public static async Task<string> UnsentAsync(string connectionString, string prefix, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var db = DbContextOptionsSetup.Create(connectionString);
            var rows = await db.OutboxEmails.AsNoTracking().Where(o => o.MessageId.StartsWith(prefix + "-") && o.State != EmailState.Sent)
                .Select(o => new { o.State, o.Attempts, o.LastError }).ToListAsync();
            if (rows.Count == 0) return "";
            if (DateTime.UtcNow > deadline)
                return string.Join("; ", rows.GroupBy(r => (r.State, r.Attempts, r.LastError)).Select(g => $"{g.Count()} × {g.Key.State} after {g.Key.Attempts} attempts: {g.Key.LastError}"));
            await Task.Delay(100);
        }
    }

    public sealed record Tally(int Received, int Distinct, int Duplicates)
    {
        public override string ToString() => $"{Received} received, {Distinct} distinct, {Duplicates} duplicates";
    }
}
