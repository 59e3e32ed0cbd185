using BrandPortal.Core.Contacts;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Email;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Core.Tests.Contacts;

public sealed class DemoContactsTests(DemoDatabase database) : IClassFixture<DemoDatabase>
{
    [Fact]
    public async Task Seed_OnDemoData_MakesARefundASupportRequestAndAThreadNeedingAResponse()
    {
        await using var db = database.CreateContext();
        var made = await DemoContacts.SeedAsync(db, new PortalOptions(), TimeProvider.System);
        made.Should().Be(3);

        await using var check = database.CreateContext();
        var contacts = await check.Contacts.Include(c => c.Refund).ToListAsync();
        contacts.Should().HaveCount(3);
        contacts.Should().ContainSingle(c => c.Reason == ContactReason.CourtesyRefund).Which.Refund!.Amount.Should().BePositive();
        var thread = await check.Threads.Include(t => t.Messages).SingleAsync();
        thread.ResponseNeededSince.Should().NotBeNull();
        thread.Messages.Should().ContainSingle(m => m.Sender == MessageSender.Customer);
        (await check.OutboxEmails.CountAsync(o => o.State == EmailState.Queued)).Should().Be(3);
        (await check.AuditEntries.CountAsync(a => a.Action == "ContactSent")).Should().Be(3);

        (await DemoContacts.SeedAsync(db, new PortalOptions(), TimeProvider.System)).Should().Be(0, "each review is contacted once, ever");
    }
}
