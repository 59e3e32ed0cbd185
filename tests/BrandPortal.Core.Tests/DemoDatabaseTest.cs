using BrandPortal.Core.Access;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Core.Tests;

/// <summary>
/// A fresh copy of the demo database for every test (xunit makes a new instance of the class per test), dropped
/// after it: a test that decides a case or accepts a refund cannot change what another test starts from. Copying the
/// migrated demo template takes milliseconds.
/// </summary>
public abstract class DemoDatabaseTest : IAsyncLifetime
{
    private string _connectionString = "";

    /// <summary>The context the service under test writes through.</summary>
    protected BrandPortalDbContext Db { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync(withDemoData: true);
        Db = DbContextOptionsSetup.Create(_connectionString);
        await ArrangeAsync();
    }

    public async Task DisposeAsync()
    {
        await Db.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(_connectionString);
    }

    /// <summary>What every test of the class starts from, on top of the demo data.</summary>
    protected virtual Task ArrangeAsync() => Task.CompletedTask;

    /// <summary>
    /// Another context, as another request would have: for arranging data and for checking what was stored, so that
    /// nothing the service's own context tracks is mistaken for a row.
    /// </summary>
    protected BrandPortalDbContext Check() => DbContextOptionsSetup.Create(_connectionString);

    protected async Task<UserAccess> UserAsync(string email)
    {
        var id = await Db.Users.AsNoTracking().Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return (await new AccessService(Db).LoadAsync(id))!;
    }

    protected static Actor ActorOf(UserAccess user) => new(user.UserId, user.Email, user.SellerAccountId, "192.0.2.10");

    protected Task<long> BrandIdAsync(string name) => Db.Brands.AsNoTracking().Where(b => b.Name == name).Select(b => b.Id).SingleAsync();

    protected Task<long> AccountIdAsync(string name) => Db.SellerAccounts.AsNoTracking().Where(a => a.Name == name).Select(a => a.Id).SingleAsync();

    protected async Task<List<AuditEntry>> AuditAsync(string action)
    {
        await using var check = Check();
        return await check.AuditEntries.AsNoTracking().Where(a => a.Action == action).OrderBy(a => a.Id).ToListAsync();
    }
}
