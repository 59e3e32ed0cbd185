using System.Globalization;
using BrandPortal.Core.Access;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Eligibility;
using BrandPortal.Core.Email;
using BrandPortal.Core.Reviews;
using BrandPortal.Core.Telemetry;
using BrandPortal.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BrandPortal.Core.Contacts;

/// <summary>The review a contact is about, as the Contact Customer page shows it.</summary>
public sealed record ContactSubject(
    long ReviewId, string ReviewTitle, string ReviewBody, int Rating, DateTimeOffset ReviewCreatedAt,
    long BrandId, string BrandName, string ProductTitle, string CustomerFirstName, string? OrderId);

/// <summary>One reason the brand may pick, with the exact email the customer would receive.</summary>
/// <summary>A reason the user may choose, with the exact email the customer will receive, in the customer's language.</summary>
public sealed record ContactOption(ContactReason Reason, RenderedEmail Email, string? RefundAmount, CustomerLanguage Language);

public sealed record ContactPage(
    ContactSubject Subject, EligibilityDecision Decision, IReadOnlyList<ContactOption> Options, ContactTimelineEntry? Timeline,
    CustomerContext? Customer, ReviewHistory? History);

/// <summary>
/// Contact Customer (docs/PRODUCT.md#contact-customer): shows both reasons with their fixed emails, and sends one. Sending re-checks
/// every eligibility rule inside the transaction that records the contact, its refund offer, the outgoing email and
/// the audit entry; the unique index on contacts.review_id settles races between clicks, tabs and instances.
/// </summary>
public sealed class ContactCustomerService(
    BrandPortalDbContext db, AccessService access, EligibilityService eligibility, ContactTimeline timeline,
    IOptions<PortalOptions> portal, OutboxSignal outbox, TimeProvider clock, BrandPortalMetrics? metrics = null)
{
    /// <summary>Null when the review does not exist or belongs to a brand the user does not represent.</summary>
    public async Task<ContactPage?> GetAsync(UserAccess user, long reviewId, CancellationToken ct = default)
    {
        var facts = await LoadEmailFactsAsync(reviewId, ct);
        if (facts is null || !user.Represents(facts.Subject.BrandId)) return null;
        var decisions = await eligibility.DecideAsync(user, [reviewId], ct);
        var options = new List<ContactOption>(2);
        // The order, and so the email, belongs to its seller: another seller account representing the brand sees
        // the review and why it cannot contact, never the order id or the amount paid.
        var ownOrder = facts.OrderSellerAccountId is not null && facts.OrderSellerAccountId == user.SellerAccountId;
        if (facts.Email is { } email && ownOrder)
        {
            foreach (var reason in new[] { ContactReason.CourtesyRefund, ContactReason.CustomerSupport })
                options.Add(new ContactOption(reason, ContactEmails.Render(reason, email, portal.Value.BaseUrl),
                    reason == ContactReason.CourtesyRefund ? ContactEmails.Money(email.RefundAmount, email.Currency) : null, email.Language));
        }
        var entries = await timeline.LoadAsync(user, [reviewId], ct);
        var subject = ownOrder ? facts.Subject : facts.Subject with { OrderId = null };
        var customer = user.SellerAccountId is { } sellerId ? await CustomerContext.LoadAsync(db, sellerId, facts.CustomerId, reviewId, ct) : null;
        var history = await ReviewHistory.LoadAsync(db, reviewId, ct);
        return new ContactPage(subject, decisions[reviewId], options, entries.GetValueOrDefault(reviewId), customer, history);
    }

    /// <summary>Records the contact and queues its email; refused with the unmet conditions when the rules say no.</summary>
    public async Task<Outcome> SendAsync(long userId, Actor actor, long reviewId, ContactReason? chosen, CancellationToken ct = default)
    {
        if (chosen is not { } reason || !Enum.IsDefined(reason)) return Outcome.Refused("Choose a reason: Courtesy Refund or Customer Support.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The customer's row is the meeting point with their Message Center: a block they make now waits for this
        // contact, or this contact sees their block (BlockBrandAsync takes the same lock).
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"SELECT 1 FROM customers WHERE id = (SELECT customer_id FROM reviews WHERE id = {reviewId}) FOR UPDATE", ct);
        // Access and facts are read again inside the transaction: a permission revoked, an account put at risk or a
        // block made a second ago counts.
        var user = await access.LoadAsync(userId, ct);
        var facts = await LoadEmailFactsAsync(reviewId, ct);
        if (user is null || facts is null || !user.Represents(facts.Subject.BrandId)) return Outcome.NotFound;
        var decision = (await eligibility.DecideAsync(user, [reviewId], ct))[reviewId];
        if (decision.Fails(EligibilityRule.NotContacted))
            return Outcome.Refused(decision.Unmet.First(u => u.Rule == EligibilityRule.NotContacted).Reason);
        if (!decision.CanContact || facts.Email is not { } email)
            return Outcome.Refused("The customer cannot be contacted about this review:",
                decision.Unmet.Select(u => new OutcomeReason(u.Rule.ToString(), u.Reason, u.Remedy)).ToList());

        var now = clock.GetUtcNow();
        var contact = new Contact
        {
            ReviewId = reviewId,
            BrandId = facts.Subject.BrandId,
            CustomerId = facts.CustomerId,
            SentByUserId = user.UserId,
            Reason = reason,
            SentAt = now,
        };
        if (reason == ContactReason.CourtesyRefund)
            contact.Refund = new Refund { Amount = email.RefundAmount, Currency = email.Currency, State = RefundState.Offered };
        db.Contacts.Add(contact);
        try
        {
            await db.SaveChangesAsync(ct); // the contact's id names its email
            db.Enqueue(ContactEmails.KindOf(reason), $"contact-{contact.Id}", facts.CustomerEmail, facts.CustomerName,
                ContactEmails.Render(reason, email, portal.Value.BaseUrl), now, contact.Id);
            db.Audit(actor with { SellerAccountId = user.SellerAccountId }, AuditActions.ContactSent, "Review", reviewId.ToString(CultureInfo.InvariantCulture), null,
                reason == ContactReason.CourtesyRefund ? $"CourtesyRefund {ContactEmails.Money(email.RefundAmount, email.Currency)} (contact {contact.Id})" : $"CustomerSupport (contact {contact.Id})",
                now);
            await ContactEvents.AddAsync(db, WebhookEventTypes.ContactSent, contact.Id, now, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone else's contact committed first (double click, second tab, other instance).
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return Outcome.Refused(await AlreadyContactedMessageAsync(reviewId, ct));
        }
        outbox.Notify();
        metrics?.ContactSent(reason); // absent for the demo seed, which is not traffic
        return Outcome.Done("The email is on its way to the customer. Its delivery shows below.");
    }

    private async Task<string> AlreadyContactedMessageAsync(long reviewId, CancellationToken ct)
    {
        var existing = await db.Contacts.AsNoTracking().Where(c => c.ReviewId == reviewId)
            .Select(c => new { c.SentAt, By = db.Users.Where(u => u.Id == c.SentByUserId).Select(u => u.Email).First() })
            .FirstOrDefaultAsync(ct);
        return existing is null
            ? "This customer has already been contacted about this review."
            : $"{existing.By} already contacted this customer about this review on {Wording.WhenInSentence(existing.SentAt)}.";
    }

    private sealed record LoadedFacts(ContactSubject Subject, long CustomerId, string CustomerName, string CustomerEmail, long? OrderSellerAccountId,
        ContactEmailFacts? Email);

    /// <summary>
    /// One statement: the review, its brand, product, customer and what the customer paid for that product on that
    /// order (quantity × unit price of the matching item; several lines of one product are added up).
    /// </summary>
    private async Task<LoadedFacts?> LoadEmailFactsAsync(long reviewId, CancellationToken ct)
    {
        var row = await db.Reviews.AsNoTracking().Where(r => r.Id == reviewId)
            .Select(r => new
            {
                r.Id, r.Title, r.Body, r.Rating, r.CreatedAt, r.BrandId, r.CustomerId,
                BrandName = db.Brands.Where(b => b.Id == r.BrandId).Select(b => b.Name).First(),
                ProductTitle = r.Product!.Title,
                // Scalar subqueries only: EF turns an object-valued First()/GroupBy into a join over ROW_NUMBER() of
                // the whole customers and order_items tables (~100 ms at a million reviews); these use their indexes.
                CustomerName = db.Customers.Where(c => c.Id == r.CustomerId).Select(c => c.Name).First(),
                CustomerEmail = db.Customers.Where(c => c.Id == r.CustomerId).Select(c => c.Email).First(),
                OrderExternalId = r.Order != null ? r.Order.ExternalId : null,
                OrderSellerAccountId = r.Order != null ? (long?)r.Order.SellerAccountId : null,
                Marketplace = r.Order != null ? (Marketplace?)r.Order.Marketplace : null,
                // (order_id, product_id) is unique: at most one line, so its currency is the currency paid.
                PaidAmount = db.OrderItems.Where(i => i.OrderId == r.OrderId && i.ProductId == r.ProductId).Sum(i => (decimal?)(i.Quantity * i.UnitPrice)),
                PaidCurrency = db.OrderItems.Where(i => i.OrderId == r.OrderId && i.ProductId == r.ProductId).Select(i => i.Currency).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var subject = new ContactSubject(row.Id, row.Title, row.Body, row.Rating, row.CreatedAt, row.BrandId, row.BrandName, row.ProductTitle,
            ContactEmails.FirstName(row.CustomerName), row.OrderExternalId);
        var email = row.OrderExternalId is not null && row.PaidAmount is { } amount && row.PaidCurrency is { } currency
            ? new ContactEmailFacts(row.CustomerName, row.BrandName, row.ProductTitle, row.OrderExternalId, row.CreatedAt, amount, currency.Trim(),
                row.Marketplace)
            : null;
        return new LoadedFacts(subject, row.CustomerId, row.CustomerName, row.CustomerEmail, row.OrderSellerAccountId, email);
    }
}
