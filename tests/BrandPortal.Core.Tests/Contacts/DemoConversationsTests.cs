using BrandPortal.Core.Email;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Contacts;
using BrandPortal.Core.Messaging;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Core.Tests.Contacts;

/// <summary>The demo's conversations of the past weeks give the response-time report every state to show.</summary>
public sealed class DemoConversationsTests : DemoDatabaseTest
{
    protected override async Task ArrangeAsync()
    {
        await using var seed = Check();
        (await DemoContacts.SeedAsync(seed, new PortalOptions(), TimeProvider.System)).Should().Be(3);
    }

    [Fact]
    public async Task Seed_AfterTheDemoContacts_MakesFourConversationsAndTheReportShowsEveryState()
    {
        await using (var seed = Check())
            (await DemoConversations.SeedAsync(seed, new PortalOptions(), TimeProvider.System)).Should().Be(4);

        var report = await new ResponseTimeReport(Db, TimeProvider.System).LoadAsync(await UserAsync(DemoContacts.Representative));

        // Hans 5 h; Taro 30 h (late); Lucía 8 h and 7 h; Oliver marked after 2 h; Marie's reply from DemoContacts still open.
        report.Rows.Single(r => r.BrandName == "Acme" && r.Days == 30).Should().BeEquivalentTo(new
        {
            Needed = 6, WithinDay = 4, Late = 1, Open = 1, NoResponseNeeded = 1,
            Average = (TimeSpan?)TimeSpan.FromHours((5 + 30 + 8 + 7 + 2) / 5.0), Median = (TimeSpan?)TimeSpan.FromHours(7),
        });
        report.Rows.Single(r => r.BrandName == "Acme" && r.Days == 7).Needed.Should().Be(5, "Hans wrote three weeks ago");
        (await AuditAsync(AuditActions.NoResponseNeeded)).Should().ContainSingle();
    }

    [Fact]
    public async Task Seed_Twice_MakesNothingTheSecondTime()
    {
        await using var seed = Check();
        (await DemoConversations.SeedAsync(seed, new PortalOptions(), TimeProvider.System)).Should().Be(4);
        (await DemoConversations.SeedAsync(seed, new PortalOptions(), TimeProvider.System)).Should().Be(0);
        (await seed.Contacts.CountAsync()).Should().Be(7);
    }
}
