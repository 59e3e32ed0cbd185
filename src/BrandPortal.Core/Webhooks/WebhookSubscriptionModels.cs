using BrandPortal.Core.Access;
using BrandPortal.Core.ApiKeys;
using BrandPortal.Core.Data.Entities;

namespace BrandPortal.Core.Webhooks;

/// <summary>
/// Whose subscriptions a caller manages: one seller account's, or the platform's. An owner sees and changes only its
/// own; anything else is "not found".
/// </summary>
public sealed record WebhookOwner
{
    private WebhookOwner(ApiKeyKind kind, long? sellerAccountId) => (Kind, SellerAccountId) = (kind, sellerAccountId);

    public ApiKeyKind Kind { get; }
    /// <summary>The account of an account owner; null for the platform.</summary>
    public long? SellerAccountId { get; }

    public static WebhookOwner Platform { get; } = new(ApiKeyKind.Platform, null);

    public static WebhookOwner Account(long sellerAccountId) => new(ApiKeyKind.Account, sellerAccountId);

    /// <summary>The account's administrator manages the account's subscriptions, Support the platform's; anyone else none.</summary>
    public static WebhookOwner? OfUser(UserAccess user, ApiKeyKind kind) => kind == ApiKeyKind.Platform
        ? (user.IsSupport ? Platform : null)
        : (user.ManagesUsers && user.SellerAccountId is { } account ? Account(account) : null);

    /// <summary>A key with webhooks:manage manages its own kind's subscriptions (an account key its account's).</summary>
    public static WebhookOwner? OfKey(ApiCaller caller) => !caller.Scopes.Contains(ApiScopes.WebhooksManage) ? null
        : caller.Kind == ApiKeyKind.Platform ? Platform
        : caller.SellerAccountId is { } account ? Account(account) : null;
}

/// <summary>A subscription named by its database id (pages) or its public id <c>wh_…</c> (API).</summary>
public readonly record struct WebhookRef(long? Id, string? PublicId)
{
    public static WebhookRef Of(long id) => new(id, null);
    /// <summary>By public id; a value that cannot be one (a NUL, 300 characters) names nothing and never reaches the SQL.</summary>
    public static WebhookRef Of(string? publicId) => Plausible(publicId) ? new(null, publicId) : new(0, null);

    internal static bool Plausible(string? id) => id is { Length: > 0 and <= 40 } && !id.Any(char.IsControl);
}

/// <summary>A delivery named by its database id (pages) or, within its subscription, by its <c>webhook-id</c> (API).</summary>
public readonly record struct WebhookDeliveryRef(long? Id, string? MessageId)
{
    public static WebhookDeliveryRef Of(long id) => new(id, null);
    public static WebhookDeliveryRef Of(string? messageId) => WebhookRef.Plausible(messageId) ? new(null, messageId) : new(0, null);
}

/// <summary>A subscription as lists show it: never its secret.</summary>
public sealed record WebhookSubscriptionRow(long Id, string PublicId, string Url, IReadOnlyList<string> Events, string CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, string? DisabledReason)
{
    public bool Disabled => DisabledAt is not null;
}

/// <summary>One delivery of one event to one subscription: the delivery log.</summary>
public sealed record WebhookDeliveryRow(long Id, string MessageId, string EventType, WebhookDeliveryState State, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? LastAttemptAt, int? LastStatusCode, string? LastAnswer,
    DateTimeOffset? DeliveredAt);

/// <summary>A subscription with its most recent deliveries, for the pages.</summary>
public sealed record WebhookOverview(WebhookSubscriptionRow Subscription, IReadOnlyList<WebhookDeliveryRow> Deliveries);

/// <summary>One bad field of a subscription request, by JSON path (<c>$.url</c>, <c>$.events[2]</c>).</summary>
public sealed record WebhookInputError(string Path, string Message);

/// <summary>What creating a subscription answered; <see cref="Secret"/> is the only time the secret is ever shown.</summary>
public sealed record WebhookCreation(Outcome Outcome, WebhookSubscriptionRow? Subscription, string? Secret, IReadOnlyList<WebhookInputError> Errors);

/// <summary>What a test send or a resend answered, with the <c>webhook-id</c> the receiver will see.</summary>
public sealed record WebhookQueued(Outcome Outcome, string? MessageId);
