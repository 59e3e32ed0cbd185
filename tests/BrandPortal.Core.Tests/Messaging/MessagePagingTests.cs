using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Email;
using BrandPortal.Core.Messaging;
using BrandPortal.Core.Paging;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static BrandPortal.Core.Tests.Messaging.ConversationKit;

namespace BrandPortal.Core.Tests.Messaging;

/// <summary>
/// Keyset paging of the brand's Messages list and the customer's Message Center: Next walks every row once in order,
/// Previous walks back through the same pages, and another seller account's threads never appear.
/// </summary>
public sealed class MessagePagingTests : DemoDatabaseTest
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private const int Size = 10;

    private BrandMessagesService Messages() => new(Db, new AccessService(Db), Options.Create(new PortalOptions()), new OutboxSignal(), new FakeTimeProvider(Now));

    /// <summary>Follows Next from the first page to the last, then Previous back; returns the pages both ways.</summary>
    private static async Task<(List<List<T>> Forward, List<List<T>> Backward)> WalkAsync<T>(Func<PageRequest, Task<KeysetPage<T>>> load)
    {
        var forward = new List<List<T>>();
        var page = await load(PageRequest.First);
        page.Previous.Should().BeNull("the first page has nothing before it");
        forward.Add(page.Items.ToList());
        while (page.Next is { } next)
        {
            page = await load(new PageRequest(next, null));
            forward.Add(page.Items.ToList());
            forward.Count.Should().BeLessThan(100, "paging must end");
        }
        var backward = new List<List<T>> { page.Items.ToList() };
        while (page.Previous is { } previous)
        {
            page = await load(new PageRequest(null, previous));
            backward.Insert(0, page.Items.ToList());
            backward.Count.Should().BeLessThan(100, "paging must end");
        }
        return (forward, backward);
    }

    [Fact]
    public async Task MessagesList_23ThreadsSomeAtTheSameInstant_NextAndPreviousWalkEachOnceNewestFirst()
    {
        var mine = new List<long>();
        await using (var db = Check())
        {
            for (var i = 0; i < 23; i++) // pairs share their instant: the id breaks the tie
                mine.Add(await ThreadAsync(db, "rep.two@acme.test", i % 3 == 0 ? "Acme Outdoors" : "Acme", Customer(Now.AddHours(-(i / 2) - 1))));
            await ThreadAsync(db, "rep@globex.test", "Acme", Customer(Now.AddHours(-1))); // another account, shared brand
        }
        var rep = await UserAsync("rep.two@acme.test");
        var existing = (await Messages().PageAsync(rep, PageRequest.First, 1000)).Items.Select(t => t.ThreadId).Except(mine).ToList();

        var (forward, backward) = await WalkAsync(r => Messages().PageAsync(rep, r, Size));

        var ids = forward.SelectMany(p => p.Select(t => t.ThreadId)).ToList();
        ids.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(mine.Concat(existing));
        var all = forward.SelectMany(p => p).ToList();
        all.Select(t => (t.LastMessageAt, t.ThreadId)).Should().BeInDescendingOrder();
        forward.Select(p => p.Count).Should().OnlyContain(n => n <= Size);
        backward.Select(p => p.Select(t => t.ThreadId)).Should().BeEquivalentTo(forward.Select(p => p.Select(t => t.ThreadId)), o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task MessagesList_CursorPastTheLastThread_IsAnEmptyPageWithoutNext()
    {
        var rep = await UserAsync("rep.two@acme.test");

        var page = await Messages().PageAsync(rep, new PageRequest(new PageCursor(0, DateTimeOffset.UnixEpoch, 1), null), Size);

        page.Items.Should().BeEmpty();
        page.Next.Should().BeNull();
    }

    [Fact]
    public async Task MessageCenter_23MessagesSomeUnread_UnreadFirstThenNewest_NextAndPreviousWalkEachOnce()
    {
        var hans = await Db.Customers.AsNoTracking().Where(c => c.Email == "hans@example.test").Select(c => c.Id).SingleAsync();
        var rep = await UserAsync("rep.two@acme.test");
        await using (var db = Check())
        {
            var reviews = await db.Reviews.AsNoTracking().Where(r => r.CustomerId == hans).OrderBy(r => r.Id).Take(23).Select(r => new { r.Id, r.BrandId }).ToListAsync();
            for (var i = 0; i < reviews.Count; i++)
                db.Contacts.Add(new Contact
                {
                    ReviewId = reviews[i].Id, BrandId = reviews[i].BrandId, CustomerId = hans, SentByUserId = rep.UserId, Reason = ContactReason.CustomerSupport,
                    SentAt = Now.AddHours(-(i / 2) - 1), ReadAt = i % 4 == 0 ? null : Now,
                });
            await db.SaveChangesAsync();
        }
        var center = new MessageCenterService(Db, new FakeTimeProvider(Now));

        var (forward, backward) = await WalkAsync(r => center.PageAsync(hans, r, Size));

        var all = forward.SelectMany(p => p).ToList();
        all.Should().HaveCount(23);
        all.Select(m => m.ContactId).Should().OnlyHaveUniqueItems();
        all.Select(m => (m.Unread ? 1 : 0, m.LastAt, m.ContactId)).Should().BeInDescendingOrder();
        all.Count(m => m.Unread).Should().Be(6).And.Be(await center.CountUnreadAsync(hans));
        backward.Select(p => p.Select(m => m.ContactId)).Should().BeEquivalentTo(forward.Select(p => p.Select(m => m.ContactId)), o => o.WithStrictOrdering());
    }
}
