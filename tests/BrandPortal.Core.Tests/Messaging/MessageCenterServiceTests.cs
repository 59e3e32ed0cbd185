using BrandPortal.Core.Audit;
using BrandPortal.Core.Contacts;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Email;
using BrandPortal.Core.Messaging;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace BrandPortal.Core.Tests.Messaging;

/// <summary>
/// The customer's side of a contact, straight through <see cref="MessageCenterService"/>, on the demo data with its
/// three demo contacts from rep.two@acme.test: a courtesy refund offered to Lucía, a support request to Oliver that
/// nobody answered yet, and one to Marie that she replied to. Jane has no message at all.
/// </summary>
public sealed class MessageCenterServiceTests : DemoDatabaseTest
{
    // Whole seconds, so that times read back from PostgreSQL (microseconds) compare equal; after the demo contacts were sent.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 300));

    // Seeded through a context of its own, as a request of its own would: the service under test must not find the
    // contacts already tracked (and stale) in its context.
    protected override async Task ArrangeAsync()
    {
        await using var seed = Check();
        (await DemoContacts.SeedAsync(seed, new PortalOptions(), TimeProvider.System)).Should().Be(3);
    }

    private MessageCenterService Center() => new(Db, _clock);

    private async Task<(long CustomerId, long ContactId)> MessageOfAsync(string customerEmail)
    {
        var customerId = await Db.Customers.AsNoTracking().Where(c => c.Email == customerEmail).Select(c => c.Id).SingleAsync();
        var contactId = await Db.Contacts.AsNoTracking().Where(c => c.CustomerId == customerId).Select(c => c.Id).SingleAsync();
        return (customerId, contactId);
    }

    private Task<long> CustomerIdAsync(string email) => Db.Customers.AsNoTracking().Where(c => c.Email == email).Select(c => c.Id).SingleAsync();

    private async Task<Contact> ContactAsync(long id)
    {
        await using var check = Check();
        return await check.Contacts.AsNoTracking().Include(c => c.Refund).SingleAsync(c => c.Id == id);
    }

    private async Task<List<ThreadMessage>> ThreadMessagesAsync(long contactId)
    {
        await using var check = Check();
        return await check.ThreadMessages.AsNoTracking().Where(m => check.Threads.Any(t => t.Id == m.ThreadId && t.ContactId == contactId))
            .OrderBy(m => m.Id).ToListAsync();
    }

    // The outcome names are kept to these three lines, so that a change of the result type touches only them.
    private static void ShouldBeDone(CustomerActionResult result) => result.Outcome.Should().Be(CustomerActionOutcome.Done, result.Message);
    private static void ShouldBeRefused(CustomerActionResult result) => result.Outcome.Should().Be(CustomerActionOutcome.Refused);
    private static void ShouldBeNotFound(CustomerActionResult result) => result.Outcome.Should().Be(CustomerActionOutcome.NotFound);

    [Fact]
    public async Task Open_UnreadMessage_MarksItReadAndTheListNoLongerShowsItUnread()
    {
        var (oliver, contact) = await MessageOfAsync("oliver@example.test");
        (await Center().ListAsync(oliver)).Should().ContainSingle().Which.Unread.Should().BeTrue();

        var opened = await Center().OpenAsync(oliver, contact);

        opened!.ContactId.Should().Be(contact);
        opened.Reason.Should().Be(ContactReason.CustomerSupport);
        opened.CanReply.Should().BeTrue();
        (await ContactAsync(contact)).ReadAt.Should().Be(_clock.GetUtcNow());
        (await Center().ListAsync(oliver)).Single().Unread.Should().BeFalse();
    }

    [Fact]
    public async Task AcceptRefund_Offered_AcceptsOnceAndAudits_SecondAcceptIsRefusedAndChangesNothing()
    {
        var (lucia, contact) = await MessageOfAsync("lucia@example.test");
        var actor = new Actor(null, "lucia@example.test", null, "192.0.2.20");

        ShouldBeDone(await Center().AcceptRefundAsync(lucia, actor, contact));

        var refund = (await ContactAsync(contact)).Refund!;
        refund.State.Should().Be(RefundState.Accepted);
        refund.AcceptedAt.Should().Be(_clock.GetUtcNow());
        var audit = (await AuditAsync(AuditActions.RefundAccepted)).Should().ContainSingle().Subject;
        (audit.ObjectId, audit.Before).Should().Be((contact.ToString(System.Globalization.CultureInfo.InvariantCulture), "Offered"));
        audit.After.Should().StartWith("Accepted ").And.EndWith(refund.Currency.Trim());
        audit.SellerAccountId.Should().Be(await AccountIdAsync("Acme Trading"), "the seller account that sent the contact sees the acceptance");

        _clock.Advance(TimeSpan.FromMinutes(1));
        var again = await Center().AcceptRefundAsync(lucia, actor, contact);

        ShouldBeRefused(again);
        again.Message.Should().StartWith("You already accepted this refund");
        (await ContactAsync(contact)).Refund!.AcceptedAt.Should().Be(refund.AcceptedAt);
        (await AuditAsync(AuditActions.RefundAccepted)).Should().ContainSingle();
    }

    [Fact]
    public async Task AcceptRefund_OnSupportRequest_IsRefused()
    {
        var (oliver, contact) = await MessageOfAsync("oliver@example.test");

        ShouldBeRefused(await Center().AcceptRefundAsync(oliver, new Actor(null, "oliver@example.test", null, null), contact));

        (await ContactAsync(contact)).Refund.Should().BeNull();
        (await AuditAsync(AuditActions.RefundAccepted)).Should().BeEmpty();
    }

    [Fact]
    public async Task Reply_ToSupportRequest_GrantsContactAndStartsABuyerSellerThreadAwaitingTheBrand()
    {
        var (oliver, contact) = await MessageOfAsync("oliver@example.test");

        ShouldBeDone(await Center().ReplyAsync(oliver, contact, "  Yes, the handle came off after a week.  "));

        var stored = await ContactAsync(contact);
        stored.SupportAnswer.Should().Be(SupportAnswer.Granted);
        stored.AnsweredAt.Should().Be(_clock.GetUtcNow());
        stored.ReadAt.Should().NotBeNull("replying means the customer read it");
        await using var check = Check();
        var thread = await check.Threads.AsNoTracking().SingleAsync(t => t.ContactId == contact);
        (thread.BrandId, thread.CustomerId, thread.ResponseNeededSince).Should().Be((stored.BrandId, oliver, _clock.GetUtcNow()));
        var message = (await ThreadMessagesAsync(contact)).Should().ContainSingle().Subject;
        (message.Sender, message.Body).Should().Be((MessageSender.Customer, "Yes, the handle came off after a week."));
    }

    [Fact]
    public async Task Reply_Twice_AddsToTheSameThread()
    {
        var (oliver, contact) = await MessageOfAsync("oliver@example.test");
        ShouldBeDone(await Center().ReplyAsync(oliver, contact, "First."));
        _clock.Advance(TimeSpan.FromMinutes(3));

        ShouldBeDone(await Center().ReplyAsync(oliver, contact, "And a photo would not upload."));

        (await ThreadMessagesAsync(contact)).Select(m => m.Body).Should().Equal("First.", "And a photo would not upload.");
        await using var check = Check();
        (await check.Threads.CountAsync(t => t.ContactId == contact)).Should().Be(1);
    }

    [Theory]
    [InlineData("lucia@example.test", "Thanks!")] // a refund offer has nothing to reply to
    [InlineData("oliver@example.test", "   ")]
    public async Task Reply_ToRefundOfferOrEmpty_IsRefusedAndStartsNoThread(string customer, string body)
    {
        var (customerId, contact) = await MessageOfAsync(customer);

        ShouldBeRefused(await Center().ReplyAsync(customerId, contact, body));

        (await ThreadMessagesAsync(contact)).Should().BeEmpty();
        (await ContactAsync(contact)).SupportAnswer.Should().Be(SupportAnswer.None);
    }

    [Fact]
    public async Task Decline_SupportRequest_RecordsTheDeclineAndRefusesALaterReplyOrSecondDecline()
    {
        var (oliver, contact) = await MessageOfAsync("oliver@example.test");

        ShouldBeDone(await Center().DeclineAsync(oliver, contact));

        var stored = await ContactAsync(contact);
        (stored.SupportAnswer, stored.AnsweredAt).Should().Be((SupportAnswer.Declined, _clock.GetUtcNow()));
        ShouldBeRefused(await Center().ReplyAsync(oliver, contact, "Actually, yes."));
        ShouldBeRefused(await Center().DeclineAsync(oliver, contact));
        (await ThreadMessagesAsync(contact)).Should().BeEmpty();
        (await ContactAsync(contact)).SupportAnswer.Should().Be(SupportAnswer.Declined);
    }

    [Fact]
    public async Task BlockBrand_FromAMessage_BlocksTheBrandOnceAndRefusesLaterReplies()
    {
        var (oliver, contact) = await MessageOfAsync("oliver@example.test");
        var acme = await BrandIdAsync("Acme");

        ShouldBeDone(await Center().BlockBrandAsync(oliver, contact));
        ShouldBeDone(await Center().BlockBrandAsync(oliver, contact));

        await using (var check = Check())
            (await check.CustomerBrandBlocks.AsNoTracking().Where(b => b.CustomerId == oliver).Select(b => b.BrandId).ToListAsync()).Should().Equal(acme);
        (await Center().LoadAsync(oliver, contact))!.CanReply.Should().BeFalse();
        ShouldBeRefused(await Center().ReplyAsync(oliver, contact, "Hello?"));
        (await ThreadMessagesAsync(contact)).Should().BeEmpty();
    }

    [Fact]
    public async Task EveryAction_OnAnotherCustomersMessage_IsNotFoundAndChangesNothing()
    {
        var jane = await CustomerIdAsync("jane@example.test");
        var (_, refundContact) = await MessageOfAsync("lucia@example.test");
        var (_, supportContact) = await MessageOfAsync("oliver@example.test");
        var actor = new Actor(null, "jane@example.test", null, null);

        (await Center().ListAsync(jane)).Should().BeEmpty();
        (await Center().OpenAsync(jane, supportContact)).Should().BeNull();
        (await Center().LoadAsync(jane, refundContact)).Should().BeNull();
        ShouldBeNotFound(await Center().AcceptRefundAsync(jane, actor, refundContact));
        ShouldBeNotFound(await Center().ReplyAsync(jane, supportContact, "Not my message."));
        ShouldBeNotFound(await Center().DeclineAsync(jane, supportContact));
        ShouldBeNotFound(await Center().BlockBrandAsync(jane, supportContact));

        var refund = await ContactAsync(refundContact);
        refund.Refund!.State.Should().Be(RefundState.Offered);
        var support = await ContactAsync(supportContact);
        (support.ReadAt, support.SupportAnswer).Should().Be(((DateTimeOffset?)null, SupportAnswer.None));
        (await ThreadMessagesAsync(supportContact)).Should().BeEmpty();
        await using var check = Check();
        (await check.CustomerBrandBlocks.AnyAsync(b => b.CustomerId == jane)).Should().BeFalse();
        (await AuditAsync(AuditActions.RefundAccepted)).Should().BeEmpty();
    }
}
