using System.Net;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Xunit.Abstractions;

namespace BrandPortal.Web.Tests.Security;

/// <summary>
/// Each handler tried by the user it is for, with that user's own objects and a valid form, after taking away one of
/// the grants the handler depends on: a permission at None (and at View for a handler that changes something), the
/// Brand Representative role, account administration. The answer is a refusal (403, 404, or a redirect elsewhere) and
/// nothing in any table changes. Which handler depends on which grant is read from the catalog's routes.
/// </summary>
public sealed class PermissionSweepTests(DemoPortal portal, ITestOutputHelper output) : IClassFixture<DemoPortal>
{
    /// <summary>A grant taken away: who loses it, the SQL that takes it, and which handlers must then refuse.</summary>
    private sealed record Lack(string Name, string Email, string Sql, Func<PageHandler, bool> DependsOnIt)
    {
        /// <summary>At View the user may still read: the handler that changes something refuses, and may show what it shows.</summary>
        public bool MayStillRead => Name.EndsWith("at View", StringComparison.Ordinal);
    }

    private static bool Under(PageHandler h, string prefix) => h.Route == prefix || h.Route.StartsWith(prefix + "/", StringComparison.Ordinal);

    private static string Level(Permission p, PermissionLevel level, string email) =>
        $"UPDATE user_permissions SET level = '{level}' WHERE permission = '{p}' AND user_id = (SELECT id FROM users WHERE email = '{email}')";

    private static readonly Lack[] Lacks =
    [
        new("Customer Reviews at None", DemoUsers.RepTwoBrands, Level(Permission.CustomerReviews, PermissionLevel.None, DemoUsers.RepTwoBrands),
            h => Under(h, "Brands/Reviews") || Under(h, "Brands/Alerts")),
        new("Customer Reviews at View", DemoUsers.RepTwoBrands, Level(Permission.CustomerReviews, PermissionLevel.View, DemoUsers.RepTwoBrands),
            h => Under(h, "Brands/Reviews") && h.Verb == "POST"),
        new("Buyer-Seller Messages at None", DemoUsers.RepTwoBrands, Level(Permission.BuyerSellerMessages, PermissionLevel.None, DemoUsers.RepTwoBrands),
            h => Under(h, "Brands/Messages")),
        new("Buyer-Seller Messages at View", DemoUsers.RepTwoBrands, Level(Permission.BuyerSellerMessages, PermissionLevel.View, DemoUsers.RepTwoBrands),
            h => Under(h, "Brands/Messages") && h.Verb == "POST"),
        new("no Brand Representative role", DemoUsers.RepTwoBrands,
            $"DELETE FROM user_brand_roles WHERE role = '{BrandRole.BrandRepresentative}' AND user_id = (SELECT id FROM users WHERE email = '{DemoUsers.RepTwoBrands}')",
            h => Under(h, "Brands/Reviews") || Under(h, "Brands/Messages") || Under(h, "Brands/Alerts")),
        new("User Permissions at None", DemoUsers.AccountAdmin, Level(Permission.UserPermissions, PermissionLevel.None, DemoUsers.AccountAdmin),
            h => Under(h, "Admin/Users") || Under(h, "Admin/Webhooks")),
        new("User Permissions at View", DemoUsers.AccountAdmin, Level(Permission.UserPermissions, PermissionLevel.View, DemoUsers.AccountAdmin),
            h => (Under(h, "Admin/Users") || Under(h, "Admin/Webhooks")) && h.Verb == "POST"),
        new("not account administrator", DemoUsers.AccountAdmin,
            $"UPDATE users SET is_account_admin = false WHERE email = '{DemoUsers.AccountAdmin}'",
            h => Under(h, "Admin")),
    ];

    private List<string> objectTexts = [];

    [Fact]
    public async Task EveryHandler_ByItsUserLackingEachGrantItDependsOn_RefusesAndStoresNothing()
    {
        var world = await SweepWorld.BuildAsync(portal);
        // The valid requests are read while the users still hold every grant; each lack is then applied alone and undone.
        var valid = new Dictionary<PageHandler, (string Url, List<KeyValuePair<string, string>> Fields)>();
        foreach (var h in world.Handlers.Where(h => Lacks.Any(l => l.DependsOnIt(h))))
            foreach (var email in Lacks.Where(l => l.DependsOnIt(h)).Select(l => l.Email).Distinct())
                valid[h] = await world.ValidRequestAsync(email, h) ?? throw new InvalidOperationException($"{email} has no page linking to {h}");

        // What the portal shows of reviews and conversations: none of it may appear to a user lacking the grant to read it.
        await using (var db = portal.CreateContext())
            objectTexts = (await db.Reviews.Select(r => r.Title).Where(t => t.Length >= 12).Distinct().ToListAsync())
                .Concat(await db.ThreadMessages.Select(m => m.Body).Where(b => b.Length >= 12).Distinct().ToListAsync())
                .Select(t => System.Text.Encodings.Web.HtmlEncoder.Default.Encode(t)).ToList();
        var failures = new List<string>();
        int sent = 0, reached = 0, refused = 0;
        foreach (var lack in Lacks)
        {
            var handlers = world.Handlers.Where(lack.DependsOnIt).ToList();
            handlers.Should().NotBeEmpty($"the catalog has handlers depending on {lack.Name}");
            var undo = await TakeAsync(lack);
            try
            {
                var before = await ForeignAccount.SnapshotAsync(portal.ConnectionString);
                foreach (var h in handlers)
                {
                    var (url, fields) = valid[h];
                    var (response, hit) = await world.SendAsync(lack.Email, h.Verb, url, fields, h);
                    sent++;
                    if (hit) reached++;
                    var status = response.StatusCode;
                    var location = response.Headers.Location?.OriginalString ?? "";
                    var body = await response.Content.ReadAsStringAsync();
                    var shown = lack.MayStillRead ? null : objectTexts.FirstOrDefault(t => body.Contains(t, StringComparison.Ordinal));
                    // A refusal: 403, 404, a redirect elsewhere, or (as the lists do) a page that explains what is missing
                    // and shows none of the objects; at View, whatever the page shows, as long as nothing is stored.
                    var refusal = status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                        || (status is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found
                            && !location.StartsWith(url.Split('?')[0], StringComparison.OrdinalIgnoreCase))
                        || (status == HttpStatusCode.OK && (lack.MayStillRead || shown is null));
                    if (shown is not null) failures.Add($"{lack.Name}: {h} answered {(int)status} showing \"{shown}\"");
                    else if (refusal) refused++;
                    else failures.Add($"{lack.Name}: {h} answered {(int)status} {location}");
                }
                var after = await ForeignAccount.SnapshotAsync(portal.ConnectionString);
                if (after != before) failures.Add($"{lack.Name}: stored something in {string.Join(", ", DatabaseSnapshot.Changed(before, after))}");
            }
            finally
            {
                await TestPostgres.ExecuteAsync(portal.ConnectionString, undo);
            }
        }

        output.WriteLine($"{sent} requests sent over {Lacks.Length} missing grants; {reached} reached their handler; {refused} refused; {failures.Count} failures");
        output.WriteLine(string.Join("\n", failures));
        failures.Should().BeEmpty();
    }

    /// <summary>Applies the lack and returns the SQL that restores what it took (the rows as they were).</summary>
    private async Task<string> TakeAsync(Lack lack)
    {
        const string users = "(SELECT id FROM users WHERE email = '{0}')";
        var restore = string.Join("; ",
            $"DELETE FROM user_permissions WHERE user_id = {string.Format(users, lack.Email)}",
            $"INSERT INTO user_permissions SELECT * FROM sweep_saved_permissions",
            $"DELETE FROM user_brand_roles WHERE user_id = {string.Format(users, lack.Email)}",
            $"INSERT INTO user_brand_roles SELECT * FROM sweep_saved_roles",
            $"UPDATE users SET is_account_admin = (SELECT is_account_admin FROM sweep_saved_user) WHERE email = '{lack.Email}'",
            "DROP TABLE sweep_saved_permissions, sweep_saved_roles, sweep_saved_user");
        await TestPostgres.ExecuteAsync(portal.ConnectionString, string.Join("; ",
            $"CREATE TABLE sweep_saved_permissions AS SELECT * FROM user_permissions WHERE user_id = {string.Format(users, lack.Email)}",
            $"CREATE TABLE sweep_saved_roles AS SELECT * FROM user_brand_roles WHERE user_id = {string.Format(users, lack.Email)}",
            $"CREATE TABLE sweep_saved_user AS SELECT is_account_admin FROM users WHERE email = '{lack.Email}'",
            lack.Sql));
        return restore;
    }
}
