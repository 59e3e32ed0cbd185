using BrandPortal.Core.Data.Replicas;
using BrandPortal.Core.Access;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Eligibility;
using BrandPortal.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Api;

public sealed record ApiBrand(string Id, string Name);
public sealed record ApiProduct(string Asin, string Title);
public sealed record ApiReviewContact(string Reason, DateTimeOffset? SentAt, bool Replied);
public sealed record ApiEligibility(bool Eligible, IReadOnlyList<string> Unmet);

/// <summary>
/// A review as the API shows it: external ids only (review, order, brand, ASIN), never database keys. <c>EditedAt</c> is
/// when the review last came again with another rating, title or body; null when it never did.
/// </summary>
public sealed record ApiReview(string Id, int Rating, string Title, string Body, DateTimeOffset CreatedAt, bool VerifiedPurchase,
    string? OrderId, ApiBrand Brand, ApiProduct Product, ApiReviewContact? Contact, ApiEligibility Eligibility, DateTimeOffset? EditedAt);

/// <summary>The query of <c>GET /api/v1/reviews</c>: the Customer Reviews page's parameters, the brand by its external id.</summary>
public sealed record ApiReviewInput(IReadOnlyList<string?> Stars, string? Brand, string? Period, string? From, string? To, string? Contact,
    string? Q, string? Sort, string? After, string? Done = null, string? Topic = null);

/// <summary>One bad query parameter, by JSON path (<c>$.stars</c>).</summary>
public sealed record ApiInputError(string Path, string Message);

/// <summary>
/// Reviews for an account key, through the Customer Reviews page's own parser (<see cref="ReviewFilter.Parse"/>) and
/// query (<see cref="ReviewQuery"/>): the account reads as a representative of every brand associated with it, so the
/// API has no second filter or SQL. Only the eligibility rules that concern an account are reported; the two about a
/// user (BrandRepresentative, CanEdit) do not apply to a key.
/// </summary>
public sealed class ApiReviewsService(ReadDb read, ReviewQuery reviews, EligibilityService eligibility)
{
    /// <summary>Stale-tolerant: the read API reads a standby when one is configured.</summary>
    private BrandPortalDbContext db => read.Context;

    private static readonly EligibilityRule[] UserRules = [EligibilityRule.BrandRepresentative, EligibilityRule.CanEdit];

    public async Task<(ApiPage<ApiReview>? Page, IReadOnlyList<ApiInputError> Errors)> ListAsync(long accountId, ApiReviewInput input,
        CancellationToken ct = default)
    {
        var (reader, brands) = await ReaderAsync(accountId, ct);
        var errors = new List<ApiInputError>();
        string? brandKey = null;
        if (!string.IsNullOrWhiteSpace(input.Brand))
        {
            if (brands.FirstOrDefault(b => b.ExternalId == input.Brand) is { } brand) brandKey = brand.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            else errors.Add(new("$.brand", "This account is associated with no brand of that id."));
        }
        // The page's parser is lenient (it corrects and says so); the API refuses instead, naming each parameter.
        var represented = reader.RepresentedBrands;
        void Check(string path, ReviewFilterInput alone)
            => errors.AddRange(ReviewFilter.Parse(alone, represented).Messages.Select(m => new ApiInputError(path, m)));
        Check("$.stars", new ReviewFilterInput(input.Stars));
        // Each date at its own path; then the period with the dates (given dates take precedence over it), where what
        // is left to go wrong is the period itself or, with dates, an end before the start.
        var before = errors.Count;
        Check("$.from", new ReviewFilterInput([], From: input.From));
        Check("$.to", new ReviewFilterInput([], To: input.To));
        if (errors.Count == before)
            Check(string.IsNullOrWhiteSpace(input.From) && string.IsNullOrWhiteSpace(input.To) ? "$.period" : "$.to",
                new ReviewFilterInput([], Period: input.Period, From: input.From, To: input.To));
        Check("$.contact", new ReviewFilterInput([], Contact: input.Contact));
        Check("$.q", new ReviewFilterInput([], Q: input.Q));
        Check("$.sort", new ReviewFilterInput([], Sort: input.Sort));
        Check("$.after", new ReviewFilterInput([], Sort: input.Sort, After: input.After));
        Check("$.done", new ReviewFilterInput([], Done: input.Done));
        Check("$.topic", new ReviewFilterInput([], Topic: input.Topic));
        if (errors.Count > 0) return (null, errors);

        var parsed = ReviewFilter.Parse(new ReviewFilterInput(input.Stars, brandKey, input.Period, input.From, input.To, input.Contact, input.Q,
            input.Sort, input.After, input.Done, Topic: input.Topic), represented);
        var page = await reviews.LoadAsync(reader, parsed, ct);
        var items = await ItemsAsync(page.Cards, ct);
        return (new ApiPage<ApiReview>(items, page.Next?.Encode()), []);
    }

    /// <summary>One review of a brand associated with the account; null for another account's or an unknown id (never told apart).</summary>
    public async Task<ApiReview?> GetAsync(long accountId, string id, CancellationToken ct = default)
    {
        var (reader, brands) = await ReaderAsync(accountId, ct);
        var brandIds = brands.Select(b => b.Id).ToList();
        var reviewId = await db.Reviews.AsNoTracking().Where(r => r.ExternalId == id && brandIds.Contains(r.BrandId)).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
        if (reviewId is null) return null;
        var decision = (await eligibility.DecideAsync(reader, [reviewId.Value], ct)).GetValueOrDefault(reviewId.Value);
        var contact = await db.Contacts.AsNoTracking()
            .Where(c => c.ReviewId == reviewId && db.Users.Any(u => u.Id == c.SentByUserId && u.SellerAccountId == accountId))
            .Select(c => new { c.Reason, c.SentAt, Replied = db.Threads.Any(t => t.ContactId == c.Id && t.Messages.Any(m => m.Sender == MessageSender.Customer)) })
            .FirstOrDefaultAsync(ct);
        var row = (await RowsAsync([reviewId.Value], ct))[reviewId.Value];
        return Item(row, contact is null ? null : new ApiReviewContact(contact.Reason.ToString(), contact.SentAt, contact.Replied), decision, row.Rating);
    }

    private sealed record BrandRow(long Id, string ExternalId, string Name);

    /// <summary>The account as a reader of reviews: a representative of every brand associated with it, allowed to view and contact.</summary>
    private async Task<(UserAccess Reader, IReadOnlyList<BrandRow> Brands)> ReaderAsync(long accountId, CancellationToken ct)
    {
        var account = await db.SellerAccounts.AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new { a.Name, a.Plan, a.Standing, Brands = a.Brands.Select(b => new BrandRow(b.BrandId, b.Brand!.ExternalId, b.Brand.Name)).ToList() })
            .SingleAsync(ct);
        var reader = new UserAccess(0, "", accountId, account.Name, account.Plan, account.Standing, null, null, false, false,
            new Dictionary<Permission, PermissionLevel> { [Permission.CustomerReviews] = PermissionLevel.ViewAndEdit },
            account.Brands.Select(b => new BrandRoleGrant(b.Id, b.Name, BrandRole.BrandRepresentative)).ToList());
        return (reader, account.Brands);
    }

    private sealed record Row(long Id, string ExternalId, int Rating, string Title, string Body, DateTimeOffset CreatedAt, bool Verified,
        string? OrderId, string BrandId, string BrandName, string Asin, string ProductTitle, DateTimeOffset? EditedAt);

    /// <summary>The external ids of a page's reviews: one query by primary key, after the page's own query chose them.</summary>
    private async Task<Dictionary<long, Row>> RowsAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
        => await db.Reviews.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Select(r => new Row(r.Id, r.ExternalId, r.Rating, r.Title, r.Body, r.CreatedAt, r.VerifiedPurchase, r.Order!.ExternalId,
                db.Brands.Where(b => b.Id == r.BrandId).Select(b => b.ExternalId).First(), db.Brands.Where(b => b.Id == r.BrandId).Select(b => b.Name).First(),
                r.Product!.Asin, r.Product.Title, db.ReviewVersions.Where(v => v.ReviewId == r.Id).Max(v => (DateTimeOffset?)v.ReplacedAt)))
            .ToDictionaryAsync(r => r.Id, ct);

    private async Task<IReadOnlyList<ApiReview>> ItemsAsync(IReadOnlyList<ReviewCard> cards, CancellationToken ct)
    {
        var rows = await RowsAsync(cards.Select(c => c.Id).ToList(), ct);
        return cards.Select(c => Item(rows[c.Id],
            c.Contact is { ByYourAccount: true } own ? new ApiReviewContact(own.Reason?.ToString() ?? "", own.SentAt, own.CustomerReplied) : null,
            c.Eligibility, c.Rating)).ToList();
    }

    private static ApiReview Item(Row r, ApiReviewContact? contact, EligibilityDecision? decision, int rating)
    {
        // The page decides eligibility for critical reviews only; any other review fails the first rule.
        var unmet = decision?.Unmet.Select(u => u.Rule).Where(rule => !UserRules.Contains(rule)).Select(rule => rule.ToString()).ToList()
                    ?? (rating is >= 1 and <= 3 ? [] : [nameof(EligibilityRule.Critical)]);
        return new ApiReview(r.ExternalId, r.Rating, r.Title, r.Body, r.CreatedAt, r.Verified, r.OrderId, new ApiBrand(r.BrandId, r.BrandName),
            new ApiProduct(r.Asin, r.ProductTitle), contact, new ApiEligibility(unmet.Count == 0, unmet), r.EditedAt);
    }
}
