using Npgsql;

// The TechEmpower "Fortunes" shape over BrandPortal's reviews table: one Razor page, one indexed query through
// Npgsql, no authentication, no ORM. What the Customer Reviews page costs beyond this is the price of its features.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddRazorPages();
builder.Services.AddSingleton(NpgsqlDataSource.Create(builder.Configuration.GetConnectionString("BrandPortal")
    ?? throw new InvalidOperationException("Set ConnectionStrings__BrandPortal.")));

var app = builder.Build();
app.MapRazorPages();
app.Run();
