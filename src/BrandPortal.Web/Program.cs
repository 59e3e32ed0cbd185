using BrandPortal.Web.Api;
using BrandPortal.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddBrandPortalLogging();
builder.AddBrandPortalTelemetry();
await using var devInfrastructure = await DevelopmentInfrastructure.ProvideAsync(builder);
builder.AddBrandPortalServices();
builder.AddBrandPortalAuthentication();
builder.AddBrandPortalSecurity();
builder.AddBrandPortalApi();
builder.AddBrandPortalHealthChecks();
builder.AddBrandPortalLocalization();
builder.AddBrandPortalPages();

var app = builder.Build();

app.UseBrandPortalPipeline();
app.MapBrandPortalEndpoints();

await app.InitializeDatabaseAsync();
devInfrastructure?.AnnounceWhenStarted(app);

await app.RunAsync();

public partial class Program;
