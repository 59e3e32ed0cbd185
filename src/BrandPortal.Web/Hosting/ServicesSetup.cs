using BrandPortal.Core;
using BrandPortal.Core.Contacts;
using BrandPortal.Core.Data;
using BrandPortal.Core.Email;
using BrandPortal.Core.Reviews;
using System.IO.Compression;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace BrandPortal.Web.Hosting;

public static class ServicesSetup
{
    public static void AddBrandPortalServices(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("BrandPortal");
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException(
                "ConnectionStrings:BrandPortal is not set. Set it (e.g. ConnectionStrings__BrandPortal=Host=…;Database=brandportal;Username=…) " +
                "or run in Development, where the portal starts its own PostgreSQL.");
        // Optional: stale-tolerant reads on a standby (see ReadRouting and Core's ReadDb); absent, all reads are on the primary.
        builder.Services.AddBrandPortalCore(connectionString, builder.Configuration.GetConnectionString("BrandPortalRead"));
        builder.Services.AddScoped<CurrentUser>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddHostedService<OutboxHostedService>();
        builder.Services.AddHostedService<ReviewAlertHostedService>();
        builder.Services.AddHostedService<WebhookHostedService>();
        builder.Services.AddHostedService<ThreadOverdueHostedService>();
        builder.Services.AddHostedService<TopicRefreshHostedService>();
    }

    public static void AddBrandPortalPages(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Brands", AuthSetup.BrandUserPolicy);
            o.Conventions.AuthorizeFolder("/Admin", AuthSetup.SignedInPolicy);
            o.Conventions.AuthorizeFolder("/BrandRegistry", AuthSetup.BrandUserPolicy);
            o.Conventions.AuthorizeFolder("/Support", AuthSetup.SupportPolicy);
            o.Conventions.AuthorizeFolder("/YourAccount", AuthSetup.CustomerPolicy);
            o.Conventions.ConfigureFilter(new AutoValidateAntiforgeryTokenAttribute());
            o.Conventions.ConfigureFilter(new PagePermissionFilter());
            o.Conventions.Add(new RouteValuesFromRouteConvention());
            o.Conventions.AddFolderApplicationModelConvention("/Dev", m => m.Filters.Add(new LocalDevelopmentOnlyFilter()));
        }).AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(Localization.ValidationText)));
        services.Configure<MvcOptions>(o => o.ModelBinderProviders.Insert(0, new EnumNameBinderProvider()));
        // Pages are ~40 KB of HTML (a review list): compressed they are a sixth of that. Fastest levels: on a
        // busy server, CPU matters more than the last few percent of size. Off for HTTPS (the default), where
        // compressing pages that hold an antiforgery token next to reflected input invites BREACH.
        services.AddResponseCompression(o =>
        {
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "bp.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
    }

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrandPortalDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILogger<Program>>();
        if (app.Environment.IsDevelopment() || app.Configuration.GetValue<bool>("Portal:MigrateAtStart"))
            await DatabaseInitializer.MigrateAsync(db);
        var portal = scope.ServiceProvider.GetRequiredService<IOptions<PortalOptions>>().Value;
        if (portal.SeedDemoData && await DatabaseInitializer.SeedDemoIfEmptyAsync(db, TimeProvider.System) is { } loaded)
        {
            logger.LogInformation("Loaded the demo data: {Summary}", loaded.ToString());
            var contacts = await DemoContacts.SeedAsync(db, portal, TimeProvider.System);
            logger.LogInformation("Made {Count} demo contacts", contacts);
            var conversations = await DemoConversations.SeedAsync(db, portal, TimeProvider.System);
            logger.LogInformation("Made {Count} demo conversations of the past weeks", conversations);
            var edits = await DemoEdits.SeedAsync(db);
            logger.LogInformation("Edited {Count} demo review after its contact", edits);
            var notes = await BrandPortal.Core.Notes.DemoNotes.SeedAsync(db, TimeProvider.System);
            logger.LogInformation("Made {Count} demo notes and saved views", notes);
            var queue = await DemoQueue.SeedAsync(db, TimeProvider.System);
            logger.LogInformation("Marked {Count} demo reviews done or assigned", queue);
        }
    }
}
