using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Email;
using BrandPortal.Core.Hosting;

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

    public sealed record Tally(int Received, int Distinct, int Duplicates)
    {
        public override string ToString() => $"{Received} received, {Distinct} distinct, {Duplicates} duplicates";
    }
}
