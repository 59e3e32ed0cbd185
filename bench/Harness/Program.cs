using System.Diagnostics;
using System.Globalization;
using BrandPortal.Core;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Contacts;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Generate;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Npgsql;

// bench/run's helpers. Each prints one line `KEY value…` that the script reads.
//   sink PORT [COUNT_FILE]         a real SMTP server on 127.0.0.1:PORT until stdin closes or SIGTERM; with COUNT_FILE,
//                                  the number of messages received so far is kept in that file (every 100 ms)
//   queue COUNT                    queue COUNT customer-support contacts as bench.rep@bench.test through
//                                  ContactCustomerService (run it while no portal runs, so nothing is delivered yet)
//   delivered COUNT                wait until the portal's dispatcher has delivered them; rate = first to last delivery
//   mailkit PORT COUNT             send COUNT messages over one MailKit connection, the bare-SMTP yardstick
//   mailkit-rows PORT COUNT        the same loop over the last COUNT rows of the outbox (real contact emails, in the
//                                  customers' languages), built as the dispatcher builds them: MIME cost without the outbox
//   webhooks receiver|queue|delivered …   the webhook benchmark (WebhookBench.cs)
//   contacts PORTAL PASSWORD COUNT CONNECTIONS SINK_COUNT_FILE   Contact Customer through the page (ContactBench.cs)
var cmd = args.FirstOrDefault();
return cmd switch
{
    "sink" => await SinkAsync(int.Parse(args[1], CultureInfo.InvariantCulture), args.ElementAtOrDefault(2)),
    "queue" => await QueueAsync(int.Parse(args[1], CultureInfo.InvariantCulture)),
    "delivered" => await DeliveredAsync(int.Parse(args[1], CultureInfo.InvariantCulture)),
    "mailkit" => await MailKitAsync(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture)),
    "mailkit-rows" => await MailKitRowsAsync(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture)),
    "webhooks" => await BrandPortal.Bench.Harness.WebhookBench.RunAsync(args[1..]),
    "ingest" => await BrandPortal.Bench.Harness.IngestBench.RunAsync(args[1..]),
    "contacts" => await BrandPortal.Bench.Harness.ContactBench.RunAsync(args[1..], EligibleReviewsAsync),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Harness sink PORT | queue COUNT | delivered COUNT | mailkit PORT COUNT");
    return 2;
}

static async Task<int> SinkAsync(int port, string? countFile)
{
    using var stop = new CancellationTokenSource();
    AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
    var sink = new BrandPortal.Bench.Harness.NoDelaySink();
    var run = sink.RunAsync(port, stop.Token);
    if (countFile is not null)
        _ = Task.Run(async () =>
        {
            // Written to a side file and renamed, so a reader never sees half a number.
            while (!stop.IsCancellationRequested)
            {
                await File.WriteAllTextAsync(countFile + ".tmp", sink.Received.ToString(CultureInfo.InvariantCulture));
                File.Move(countFile + ".tmp", countFile, overwrite: true);
                await Task.Delay(100);
            }
        });
    Console.WriteLine($"SINK ready {port}");
    try { await run; } catch (OperationCanceledException) { }
    Console.WriteLine($"SINK received {sink.Received}");
    return 0;
}

static async Task<List<long>> EligibleReviewsAsync(int count)
{
    await using var db = DbContextOptionsSetup.Create(ConnectionString());
    return await BrandPortal.Bench.Harness.ContactBench.EligibleAsync(db, count);
}

static string ConnectionString() => new ConfigurationBuilder().AddEnvironmentVariables().Build().GetConnectionString("BrandPortal")
    ?? throw new InvalidOperationException("Set ConnectionStrings__BrandPortal.");

static async Task<int> QueueAsync(int count)
{
    var config = new ConfigurationBuilder().AddEnvironmentVariables().Build();
    var cs = ConnectionString();
    var services = new ServiceCollection()
        .AddSingleton<IConfiguration>(config)
        .AddLogging()
        .AddBrandPortalCore(cs)
        .BuildServiceProvider();

    long userId, sellerId;
    List<long> reviewIds;
    await using (var scope = services.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<BrandPortalDbContext>();
        var user = await db.Users.Where(u => u.NormalizedEmail == GenerateOptions.BenchUserEmail.ToUpperInvariant())
            .Select(u => new { u.Id, u.SellerAccountId }).SingleAsync();
        (userId, sellerId) = (user.Id, user.SellerAccountId!.Value);
        // Reviews every rule allows: critical, verified, ordered through this seller within the year, not yet contacted.
        var since = DateTimeOffset.UtcNow.AddDays(-300);
        reviewIds = await db.UserBrandRoles.Where(r => r.UserId == userId && r.Role == BrandRole.BrandRepresentative)
            .SelectMany(r => db.Reviews.Where(v => v.BrandId == r.BrandId))
            .Where(v => v.Rating <= 3 && v.VerifiedPurchase && v.Order!.SellerAccountId == sellerId && v.Order.PlacedAt > since
                        && !db.Contacts.Any(c => c.ReviewId == v.Id)
                        && !db.CustomerBrandBlocks.Any(b => b.CustomerId == v.CustomerId && b.BrandId == v.BrandId))
            .OrderBy(v => v.Id).Select(v => v.Id).Take(count).ToListAsync();
    }
    if (reviewIds.Count < count) Console.Error.WriteLine($"only {reviewIds.Count} eligible reviews");

    var actor = new Actor(userId, GenerateOptions.BenchUserEmail, sellerId, "127.0.0.1");
    var queue = new System.Collections.Concurrent.ConcurrentQueue<long>(reviewIds);
    var queueing = Stopwatch.StartNew();
    var sent = 0;
    await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
    {
        while (queue.TryDequeue(out var id))
        {
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<ContactCustomerService>()
                .SendAsync(userId, actor, id, ContactReason.CustomerSupport);
            if (result.Succeeded) Interlocked.Increment(ref sent);
        }
    })));
    queueing.Stop();
    Console.WriteLine(FormattableString.Invariant($"QUEUED queued={sent} seconds={queueing.Elapsed.TotalSeconds:0.00} rate={sent / queueing.Elapsed.TotalSeconds:0}"));
    return sent == count ? 0 : 1;
}

static async Task<int> DeliveredAsync(int count)
{
    // The contact emails queued last: this run's, whatever earlier runs left in the table.
    const string LastQueued = "WITH last AS (SELECT state, sent_at, created_at FROM outbox_emails WHERE contact_id IS NOT NULL ORDER BY id DESC LIMIT $1)";
    await using var conn = new NpgsqlConnection(ConnectionString());
    await conn.OpenAsync();
    var deadline = DateTime.UtcNow.AddMinutes(3);
    long delivered = 0;
    while (DateTime.UtcNow < deadline)
    {
        await using var q = new NpgsqlCommand($"{LastQueued} SELECT count(*) FROM last WHERE state = 'Sent'", conn);
        q.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
        delivered = (long)(await q.ExecuteScalarAsync())!;
        if (delivered >= count) break;
        await Task.Delay(100);
    }
    await using var span = new NpgsqlCommand(
        $"{LastQueued} SELECT EXTRACT(EPOCH FROM max(sent_at) - min(sent_at)), EXTRACT(EPOCH FROM max(sent_at) - min(created_at)) FROM last WHERE state = 'Sent'",
        conn);
    span.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
    await using var reader = await span.ExecuteReaderAsync();
    await reader.ReadAsync();
    var deliverSeconds = reader.IsDBNull(0) ? double.NaN : (double)reader.GetDecimal(0);
    // Rate over the span from first to last delivery: the dispatcher's own pace, without start-up and idle polling.
    Console.WriteLine(FormattableString.Invariant(
        $"DELIVERED delivered={delivered} seconds={deliverSeconds:0.00} rate={(delivered - 1) / deliverSeconds:0}"));
    return delivered >= count ? 0 : 1;
}

static async Task<int> MailKitRowsAsync(int port, int count)
{
    List<OutboxEmail> rows;
    await using (var db = DbContextOptionsSetup.Create(ConnectionString()))
        rows = await db.OutboxEmails.AsNoTracking().OrderByDescending(e => e.Id).Take(count).ToListAsync();
    using var client = new SmtpClient();
    var clock = Stopwatch.StartNew();
    await client.ConnectAsync("127.0.0.1", port, MailKit.Security.SecureSocketOptions.None);
    var build = TimeSpan.Zero;
    foreach (var row in rows)
    {
        var started = clock.Elapsed;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("BrandPortal <no-reply@brandportal.test>"));
        message.To.Add(new MailboxAddress(row.ToName, row.ToAddress));
        message.Subject = row.Subject;
        message.MessageId = row.MessageId;
        message.Date = row.CreatedAt;
        message.Body = new BodyBuilder { TextBody = row.TextBody, HtmlBody = row.HtmlBody }.ToMessageBody();
        build += clock.Elapsed - started;
        await client.SendAsync(message);
    }
    await client.DisconnectAsync(true);
    clock.Stop();
    Console.WriteLine(FormattableString.Invariant(
        $"MAILKIT_ROWS sent={rows.Count} seconds={clock.Elapsed.TotalSeconds:0.00} rate={rows.Count / clock.Elapsed.TotalSeconds:0} build_ms={build.TotalMilliseconds:0}"));
    return 0;
}

static async Task<int> MailKitAsync(int port, int count)
{
    // The same shape as a contact email: multipart text + HTML of similar size.
    var text = string.Concat(Enumerable.Repeat("Hello Anna, the Acme team read your review and would like to help. ", 12));
    var html = $"<p>{text}</p>";
    using var client = new SmtpClient();
    var clock = Stopwatch.StartNew();
    await client.ConnectAsync("127.0.0.1", port, MailKit.Security.SecureSocketOptions.None);
    for (var i = 0; i < count; i++)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("BrandPortal <no-reply@brandportal.test>"));
        message.To.Add(new MailboxAddress("Anna Smith", $"customer{i}@gen.test"));
        message.Subject = "The Acme team would like to help";
        message.MessageId = $"bench-{i}@brandportal";
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        await client.SendAsync(message);
    }
    await client.DisconnectAsync(true);
    clock.Stop();
    Console.WriteLine(FormattableString.Invariant($"MAILKIT sent={count} seconds={clock.Elapsed.TotalSeconds:0.00} rate={count / clock.Elapsed.TotalSeconds:0}"));
    return 0;
}
