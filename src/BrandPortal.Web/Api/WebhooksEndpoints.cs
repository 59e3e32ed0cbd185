using System.Text.Json;
using BrandPortal.Core.ApiKeys;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Webhooks;

namespace BrandPortal.Web.Api;

/// <summary>A subscription as the API lists it; the secret is never in it.</summary>
public sealed record ApiWebhook(string Id, string Url, IReadOnlyList<string> Events, string CreatedBy, DateTimeOffset CreatedAt,
    DateTimeOffset? DisabledAt, string? DisabledReason);

/// <summary>The answer to a creation: the only time the signing secret is shown.</summary>
public sealed record ApiWebhookCreated(string Id, string Url, IReadOnlyList<string> Events, string Secret, DateTimeOffset CreatedAt);

/// <summary>The body of <c>POST /api/v1/webhooks</c>.</summary>
public sealed record ApiWebhookRequest(string Url, IReadOnlyList<string> Events);

/// <summary>One delivery: its id is the event's <c>webhook-id</c>, which a receiver sees in every try.</summary>
public sealed record ApiWebhookDelivery(string Id, string Type, string State, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt, int? LastStatusCode, string? LastAnswer, DateTimeOffset? DeliveredAt);

/// <summary>A list answer: <c>{"items": [...]}</c>, the shape of every API list.</summary>
public sealed record ApiWebhookItems<T>(IReadOnlyList<T> Items);

/// <summary>A test send or resend was queued: the <c>webhook-id</c> the receiver will see.</summary>
public sealed record ApiWebhookQueued(string WebhookId);

/// <summary>
/// <c>/api/v1/webhooks</c>: the key's own subscriptions (an account key its account's, a platform key the platform's),
/// with scope webhooks:manage. Another owner's subscription is 404, like any object that is not the key's.
/// </summary>
public static class WebhooksEndpoints
{
    /// <summary>A subscription request is a URL and a few event names: anything larger is not one.</summary>
    private const int MaxBodyBytes = 64 * 1024;

    public static void MapApiWebhooks(this RouteGroupBuilder v1)
    {
        var hooks = v1.MapGroup("/webhooks").RequireAuthorization(ApiAuth.Policy(ApiScopes.WebhooksManage)).WithTags("Webhooks");
        hooks.MapGet("", ListAsync).WithName("ListWebhooks").Produces<ApiWebhookItems<ApiWebhook>>()
            .WithSummary("The key's webhook subscriptions, newest first (never their secrets).");
        hooks.MapPost("", CreateAsync).WithName("CreateWebhook").WithMetadata(new ApiJsonBody(typeof(ApiWebhookRequest)))
            .Produces<ApiWebhookCreated>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Subscribes an https URL to events; the answer carries the signing secret, shown only this once.")
            .WithDescription($"Events: {string.Join(", ", WebhookEventTypes.All)}. The URL must be https and must not resolve to a loopback, private or link-local address. At most {WebhookSubscriptionService.MaxPerOwner} subscriptions.");
        hooks.MapGet("/{id}", GetAsync).WithName("GetWebhook").Produces<ApiWebhook>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One subscription by its id (wh_…), without its secret.");
        hooks.MapDelete("/{id}", DeleteAsync).WithName("DeleteWebhook").Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Deletes a subscription; nothing more is sent to it.");
        hooks.MapPost("/{id}/test", TestAsync).WithName("TestWebhook").Produces<ApiWebhookQueued>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Sends a webhook.test event to this subscription only.");
        hooks.MapGet("/{id}/deliveries", DeliveriesAsync).WithName("ListWebhookDeliveries").Produces<ApiWebhookItems<ApiWebhookDelivery>>()
            .ProducesProblem(StatusCodes.Status404NotFound).WithSummary("The subscription's recent deliveries, newest first: state, tries, last answer.");
        hooks.MapPost("/{id}/deliveries/{deliveryId}/resend", ResendAsync).WithName("ResendWebhookDelivery")
            .Produces<ApiWebhookQueued>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Sends one delivery again now, with the same webhook-id (deliveryId is that webhook-id).");
    }

    private static WebhookOwner? Owner(HttpContext context) => WebhookOwner.OfKey(ApiAuth.Caller(context));

    /// <summary>Who acts: the key, by its visible prefix (what the audit log and "created by" show).</summary>
    private static Actor ActorOf(HttpContext context)
    {
        var caller = ApiAuth.Caller(context);
        return new Actor(null, caller.Prefix, caller.SellerAccountId, context.Connection.RemoteIpAddress?.ToString());
    }

    private static ApiWebhook Shown(WebhookSubscriptionRow r) => new(r.PublicId, r.Url, r.Events, r.CreatedBy, r.CreatedAt, r.DisabledAt, r.DisabledReason);

    private static async Task<IResult> ListAsync(HttpContext context, WebhookSubscriptionService service, CancellationToken ct)
        => await service.ListAsync(Owner(context), ct) is { } rows
            ? TypedResults.Ok(new ApiWebhookItems<ApiWebhook>(rows.Select(Shown).ToList()))
            : ApiProblems.From(Core.Outcome.Forbidden);

    private static async Task<IResult> GetAsync(HttpContext context, WebhookSubscriptionService service, string id, CancellationToken ct)
        => await service.GetAsync(Owner(context), WebhookRef.Of(id), ct) is { } row ? TypedResults.Ok(Shown(row)) : ApiProblems.NotFound("webhook subscription");

    private static async Task<IResult> CreateAsync(HttpContext context, WebhookSubscriptionService service, CancellationToken ct)
    {
        var (body, refusal) = await WebhookRequestBody.ReadAsync(context.Request, MaxBodyBytes, ct);
        if (refusal is not null) return refusal;
        if (body!.Errors.Count > 0)
        {
            // Every bad field at once: the service's checks too, except for a field already named (a URL that is not a string).
            var more = (await service.CheckAsync(body.Url, body.Events, ct))
                .Where(e => !body.Errors.Any(b => e.Path.StartsWith(b.Path, StringComparison.Ordinal) || b.Path.StartsWith(e.Path, StringComparison.Ordinal)));
            return ApiProblems.Validation(body.Errors.Concat(more.Select(e => new ApiFieldError(e.Path, e.Message))).OrderBy(e => e.Path, StringComparer.Ordinal).ToList());
        }
        var created = await service.CreateAsync(Owner(context), ActorOf(context), body.Url, body.Events, ct);
        if (created.Errors.Count > 0) return ApiProblems.Validation(created.Errors.Select(e => new ApiFieldError(e.Path, e.Message)).ToList());
        if (created.Subscription is not { } s) return ApiProblems.From(created.Outcome);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/v1/webhooks/{s.PublicId}", new ApiWebhookCreated(s.PublicId, s.Url, s.Events, created.Secret!, s.CreatedAt));
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, WebhookSubscriptionService service, string id, CancellationToken ct)
        => NotFoundAsWebhook(ApiProblems.From(await service.DeleteAsync(Owner(context), ActorOf(context), WebhookRef.Of(id), ct)));

    private static async Task<IResult> TestAsync(HttpContext context, WebhookSubscriptionService service, string id, CancellationToken ct)
        => Queued(await service.SendTestAsync(Owner(context), ActorOf(context), WebhookRef.Of(id), ct));

    private static async Task<IResult> DeliveriesAsync(HttpContext context, WebhookSubscriptionService service, string id, CancellationToken ct)
        => await service.DeliveriesAsync(Owner(context), WebhookRef.Of(id), ct) is { } rows
            ? TypedResults.Ok(new ApiWebhookItems<ApiWebhookDelivery>(rows.Select(d => new ApiWebhookDelivery(d.MessageId, d.EventType,
                d.State.ToString().ToLowerInvariant(), d.Attempts, d.CreatedAt, d.State == Core.Data.Entities.WebhookDeliveryState.Pending ? d.NextAttemptAt : null,
                d.LastAttemptAt, d.LastStatusCode, d.LastAnswer, d.DeliveredAt)).ToList()))
            : ApiProblems.NotFound("webhook subscription");

    private static async Task<IResult> ResendAsync(HttpContext context, WebhookSubscriptionService service, string id, string deliveryId, CancellationToken ct)
        => Queued(await service.ResendAsync(Owner(context), ActorOf(context), WebhookRef.Of(id), WebhookDeliveryRef.Of(deliveryId), ct));

    private static IResult Queued(WebhookQueued queued)
        => NotFoundAsWebhook(ApiProblems.From(queued.Outcome, () => TypedResults.Json(new ApiWebhookQueued(queued.MessageId!), statusCode: StatusCodes.Status202Accepted)));

    private static IResult NotFoundAsWebhook(IResult result)
        => result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status404NotFound } ? ApiProblems.NotFound("webhook subscription or delivery") : result;
}

/// <summary>
/// Reads <c>{"url": …, "events": [...]}</c> field by field, so that every wrong type, unknown field or repeated field
/// is named by its JSON path (the framework's binder stops at the first and names none).
/// </summary>
internal static class WebhookRequestBody
{
    public sealed record Body(string? Url, IReadOnlyList<string?>? Events, List<ApiFieldError> Errors);

    public static async Task<(Body? Body, IResult? Refusal)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
            return (null, ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the body as application/json."));
        if (request.ContentLength > maxBytes) return (null, TooLarge(maxBytes));
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes) return (null, TooLarge(maxBytes));
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException ex)
        {
            return (null, ApiProblems.Validation([new ApiFieldError("$", $"The body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).")]));
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return (null, ApiProblems.Validation([new ApiFieldError("$", "Send a JSON object: {\"url\": \"https://…\", \"events\": [\"refund.accepted\"]}.")]));
            string? url = null;
            List<string?>? events = null;
            var errors = new List<ApiFieldError>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in document.RootElement.EnumerateObject())
            {
                var path = PathOf(p.Name);
                if (!seen.Add(p.Name)) { errors.Add(new(path, "This field is given twice.")); continue; }
                switch (p.Name)
                {
                    case "url" when p.Value.ValueKind == JsonValueKind.String: url = p.Value.GetString(); break;
                    case "url": errors.Add(new(path, "Give the URL as a string.")); break;
                    case "events" when p.Value.ValueKind == JsonValueKind.Array:
                        events = [];
                        var i = 0;
                        foreach (var e in p.Value.EnumerateArray())
                        {
                            if (e.ValueKind == JsonValueKind.String) events.Add(e.GetString());
                            else { errors.Add(new($"$.events[{i}]", "Give each event type as a string.")); events.Add(null); }
                            i++;
                        }
                        break;
                    case "events": errors.Add(new(path, "Give the events as an array of event types.")); break;
                    default: errors.Add(new(path, "Unknown field: a subscription takes url and events.")); break;
                }
            }
            return (new Body(url, events, errors), null);
        }
    }

    private static IResult TooLarge(int maxBytes) => ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Body too large",
        $"A subscription request is at most {maxBytes / 1024} KB.");

    private static string PathOf(string name)
        => name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(name[0])
            ? "$." + name
            : "$['" + (name.Length > 60 ? name[..60] + "…" : name).Replace("'", "\\'", StringComparison.Ordinal) + "']";
}
