using BrandPortal.Core.Audit;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Audit;

/// <summary>The audit export as <see cref="AuditCsv"/> writes it from <see cref="AuditQuery.StreamAsync"/>, on the demo data.</summary>
public sealed class AuditCsvTests : DemoDatabaseTest
{
    private static readonly DateTimeOffset At = new(2026, 6, 15, 10, 30, 5, TimeSpan.Zero);

    private async Task<string[]> ExportAsync(string email)
    {
        var rows = new AuditQuery(Db).StreamAsync(await UserAsync(email), AuditFilter.Parse(null, null, null, null, null).Filter);
        rows.Should().NotBeNull();
        await using var writer = new StringWriter();
        await AuditCsv.WriteAsync(writer, rows!);
        return writer.ToString().Split("\r\n");
    }

    private async Task AddAsync(string? before, string? after)
    {
        await using var db = Check();
        db.Audit(new Actor(null, "rep.one@acme.test", await AccountIdAsync("Acme Trading"), "192.0.2.10"), AuditActions.ContactSent,
            "Review", "R1", before, after, At);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Write_NoEntries_IsTheHeaderLineAlone()
    {
        var lines = await ExportAsync("admin@acme.test");

        lines.Should().Equal("id,at_utc,actor,action,object_type,object_id,before,after,client_ip", "");
    }

    [Fact]
    public async Task Write_Entry_HasOneLineInHeaderOrderWithTheTimeAsUtcIso8601()
    {
        await AddAsync(null, "sent");
        var id = (await AuditAsync(AuditActions.ContactSent)).Single().Id;

        var lines = await ExportAsync("admin@acme.test");

        lines.Should().HaveCount(3);
        lines[1].Should().Be($"{id},2026-06-15T10:30:05Z,rep.one@acme.test,ContactSent,Review,R1,,sent,192.0.2.10");
    }

    [Fact]
    public async Task Write_ValueStartingWithEquals_IsNeutralisedWithAnApostrophe()
    {
        await AddAsync("=1+1", "=HYPERLINK(\"http://evil.example\",\"x\")");

        var line = (await ExportAsync("admin@acme.test"))[1];

        line.Should().Contain(",'=1+1,").And.Contain(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",");
    }
}
