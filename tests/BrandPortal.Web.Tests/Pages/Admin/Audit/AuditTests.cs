using System.Net;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit;

namespace BrandPortal.Web.Tests.Pages.Admin.Audit;

public sealed class AuditTests(DemoPortal portal) : IClassFixture<DemoPortal>
{
    [Fact]
    public async Task Audit_AccountAdmin_SeesOnlyOwnAccountsEntries()
    {
        await portal.SignInAsync(DemoUsers.RepTwoBrands);
        await portal.SignInAsync(DemoUsers.OtherTenantRep);
        var acme = await portal.SignInAsync(DemoUsers.AccountAdmin);
        var (response, page) = await acme.GetPageAsync("/Admin/Audit?actor=rep");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = page.QuerySelector("#audit")!.TextContent;
        text.Should().Contain(DemoUsers.RepTwoBrands).And.NotContain(DemoUsers.OtherTenantRep);

        var globex = await portal.SignInAsync(DemoUsers.OtherTenantAdmin);
        var other = (await globex.GetPageAsync("/Admin/Audit?actor=rep")).Document.QuerySelector("#audit")!.TextContent;
        other.Should().Contain(DemoUsers.OtherTenantRep).And.NotContain(DemoUsers.RepTwoBrands);
        (await globex.Http.GetStringAsync("/Admin/Audit?handler=Csv")).Should().NotContain("acme.test");
    }

    [Fact]
    public async Task Audit_Support_SeesEveryAccount()
    {
        await portal.SignInAsync(DemoUsers.RepTwoBrands);
        await portal.SignInAsync(DemoUsers.OtherTenantRep);
        var support = await portal.SignInAsync(DemoUsers.Support);
        var text = (await support.GetPageAsync("/Admin/Audit?action=SignIn")).Document.QuerySelector("#audit")!.TextContent;
        text.Should().Contain(DemoUsers.RepTwoBrands).And.Contain(DemoUsers.OtherTenantRep).And.Contain(DemoUsers.Support);
    }

    [Theory]
    [InlineData(DemoUsers.RepTwoBrands)]
    [InlineData(DemoUsers.Viewer)]
    [InlineData(DemoUsers.NoPermission)]
    [InlineData(DemoUsers.RegistryAdmin)]
    [InlineData(DemoUsers.Customer)]
    public async Task Audit_NeitherAdminNorSupport_IsRefused(string email)
    {
        var client = await portal.SignInAsync(email);
        var page = await client.GetPageAsync("/Admin/Audit");
        page.Response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        page.Document.QuerySelector("#audit").Should().BeNull();
        var csv = await client.Http.GetAsync("/Admin/Audit?handler=Csv");
        csv.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        csv.Content.Headers.ContentType!.MediaType.Should().NotBe("text/csv");
    }

    [Fact]
    public async Task Audit_FilterByActionActorAndTime_IsInTheUrl()
    {
        await portal.Factory.NewClient().PostFormAsync("/Account/Login",
            new Dictionary<string, string> { ["Email"] = DemoUsers.Viewer, ["Password"] = "wrong-password-1" });
        var support = await portal.SignInAsync(DemoUsers.Support);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var rows = (await support.GetPageAsync($"/Admin/Audit?action=SignInFailed&actor=VIEWER@&from={today}&to={today}"))
            .Document.QuerySelectorAll("#audit tbody tr");
        rows.Should().NotBeEmpty().And.OnlyContain(r => r.TextContent.Contains("SignInFailed") && r.TextContent.Contains(DemoUsers.Viewer));
        (await support.GetPageAsync("/Admin/Audit?action=SignInFailed&to=2000-01-01")).Document.QuerySelector("#no-entries").Should().NotBeNull();
    }

    [Theory]
    [InlineData("from=31-12-2026", "From must be a date")]
    [InlineData("from=2026-05-02&to=2026-05-01", "after the To date")]
    [InlineData("action=DropTables", "There is no action")]
    [InlineData("after=abc", "page link is not valid")]
    public async Task Audit_BadFilter_SaysWhyNeverA500(string query, string message)
    {
        var support = await portal.SignInAsync(DemoUsers.Support);
        var (response, page) = await support.GetPageAsync($"/Admin/Audit?{query}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector(".alert-error")!.TextContent.Should().Contain(message);
    }

    [Theory]
    [InlineData("to=9999-12-31", "To must be between 2000-01-01 and 2100-12-31")]
    [InlineData("from=9999-12-31", "From must be between 2000-01-01 and 2100-12-31")]
    [InlineData("from=0001-01-01", "From must be between 2000-01-01 and 2100-12-31")]
    [InlineData("to=0001-01-01", "To must be between 2000-01-01 and 2100-12-31")]
    [InlineData("from=1999-12-31", "From must be between")]
    [InlineData("to=2101-01-01", "To must be between")]
    [InlineData("to=2023-02-29", "To must be a date like")]
    [InlineData("from=2024-02-29T23:30:00%2B14:00", "From must be a date like")]
    [InlineData("to=2024-02-29Z", "To must be a date like")]
    [InlineData("to=%2B9999-12-31", "To must be a date like")]
    public async Task Audit_CalendarEdge_PageSaysWhyAndCsvIs400NeverA500(string query, string message)
    {
        var support = await portal.SignInAsync(DemoUsers.Support);
        var (response, page) = await support.GetPageAsync($"/Admin/Audit?{query}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector(".alert-error")!.TextContent.Should().Contain(message);

        var csv = await support.Http.GetAsync($"/Admin/Audit?handler=Csv&{query}");
        csv.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await csv.Content.ReadAsStringAsync()).Should().Contain(message).And.NotContain("   at ");
    }

    [Theory]
    [InlineData("from=2024-02-29&to=2024-02-29")]
    [InlineData("from=2000-01-01&to=2100-12-31")]
    [InlineData("to=2100-12-31")]
    public async Task Audit_CalendarEdgeWithinRange_IsAcceptedOnPageAndCsv(string query)
    {
        var support = await portal.SignInAsync(DemoUsers.Support);
        var (response, page) = await support.GetPageAsync($"/Admin/Audit?{query}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector(".alert-error").Should().BeNull();
        (await support.Http.GetAsync($"/Admin/Audit?handler=Csv&{query}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Audit_Pages_ByCursor()
    {
        for (var i = 0; i < 3; i++) await portal.SignInAsync(DemoUsers.RepOneBrand);
        var support = await portal.SignInAsync(DemoUsers.Support);
        await using var db = portal.CreateContext();
        var total = await db.AuditEntries.CountAsync();
        var seen = new HashSet<string>();
        var url = "/Admin/Audit";
        while (true)
        {
            var page = (await support.GetPageAsync(url)).Document;
            foreach (var row in page.QuerySelectorAll("#audit tbody tr")) seen.Add(row.InnerHtml);
            var next = page.QuerySelector("#next-page");
            if (next is null) break;
            url = next.GetAttribute("href")!;
            url.Should().Contain("after=");
        }
        seen.Count.Should().BeGreaterThanOrEqualTo(total);
    }

    [Fact]
    public async Task Csv_IsQuotedAndNeutralisesFormulas()
    {
        await portal.Factory.NewClient().PostFormAsync("/Account/Login",
            new Dictionary<string, string> { ["Email"] = "=HYPERLINK(\"http://evil.test\",\"x\")", ["Password"] = "wrong-password-1" });
        var support = await portal.SignInAsync(DemoUsers.Support);
        var response = await support.Http.GetAsync("/Admin/Audit?handler=Csv&action=SignInFailed");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        var csv = await response.Content.ReadAsStringAsync();
        csv.Should().StartWith("id,at_utc,actor,action,object_type,object_id,before,after,client_ip\r\n");
        csv.Should().Contain(",\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\",SignInFailed,");
        csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Should().OnlyContain(l => l.Contains(",SignInFailed,"));
    }

    [Fact]
    public async Task AuditEntries_DatabaseRefusesUpdateAndDelete()
    {
        await portal.SignInAsync(DemoUsers.Viewer);
        await using var db = portal.CreateContext();
        var id = await db.AuditEntries.OrderByDescending(a => a.Id).Select(a => a.Id).FirstAsync();
        var update = async () => await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE audit_entries SET actor = 'someone else' WHERE id = {id}");
        (await update.Should().ThrowAsync<PostgresException>()).Which.MessageText.Should().Contain("never updated or deleted");
        var delete = async () => await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM audit_entries WHERE id = {id}");
        await delete.Should().ThrowAsync<PostgresException>();
        var viaEf = async () => await db.AuditEntries.Where(a => a.Id == id).ExecuteDeleteAsync();
        await viaEf.Should().ThrowAsync<PostgresException>();
        (await db.AuditEntries.AnyAsync(a => a.Id == id && a.Actor != "someone else")).Should().BeTrue();
    }
}
