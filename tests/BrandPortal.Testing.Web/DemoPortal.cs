using BrandPortal.Core.Data;
using BrandPortal.Core.Hosting;
using Xunit;

namespace BrandPortal.Testing;

/// <summary>
/// xunit class fixture: the portal over its own copy of the demo database, with its own SMTP capture.
/// Tests that change data should use their own fixture instance (one per class) or restore what they change.
/// </summary>
public class DemoPortal : IAsyncLifetime
{
    protected virtual bool WithDemoData => true;

    /// <summary>Configuration the portal of this fixture runs with, on top of the test defaults.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        // Deliver queued email quickly, and retry quickly, so that delivery tests take seconds.
        ["Outbox:PollInterval"] = "00:00:00.250",
        ["Outbox:RetryBaseDelay"] = "00:00:00.200",
        ["Outbox:RetryMaxDelay"] = "00:00:01",
    };

    /// <summary>Services the portal of this fixture gets on top of (or instead of) its own, e.g. a test's log sink.</summary>
    protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services) { }

    public string ConnectionString { get; private set; } = "";
    public SmtpCapture Smtp { get; private set; } = null!;
    public PortalFactory Factory { get; private set; } = null!;

    public BrandPortalDbContext CreateContext() => DbContextOptionsSetup.Create(ConnectionString);

    public Task<PortalClient> SignInAsync(string email) => Factory.SignInAsync(email);

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync(WithDemoData);
        Smtp = await SmtpCapture.StartAsync();
        Factory = new PortalFactory(ConnectionString, Smtp, ConfigureServices, Settings);
    }

    public virtual async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Smtp.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(ConnectionString);
    }
}
