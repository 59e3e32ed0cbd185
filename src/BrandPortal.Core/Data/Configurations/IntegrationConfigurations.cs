using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrandPortal.Core.Data.Configurations;

public sealed class ReviewVersionConfiguration : IEntityTypeConfiguration<ReviewVersion>
{
    public void Configure(EntityTypeBuilder<ReviewVersion> e)
    {
        e.Property(x => x.Title).HasMaxLength(500);
        e.Property(x => x.Body).HasMaxLength(20000);
        e.HasOne<Review>().WithMany().HasForeignKey(x => x.ReviewId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.ReviewId, x.ReplacedAt });
    }
}

public sealed class ApiIdempotencyRecordConfiguration : IEntityTypeConfiguration<ApiIdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<ApiIdempotencyRecord> e)
    {
        e.ToTable("api_idempotency_records");
        e.Property(x => x.IdempotencyKey).HasMaxLength(255);
        e.Property(x => x.Request).HasMaxLength(300);
        e.Property(x => x.RequestHash).HasMaxLength(32);
        e.Property(x => x.ContentType).HasMaxLength(100);
        e.Property(x => x.Location).HasMaxLength(500);
        // The unique key is what makes two concurrent first uses of one key end in one answer.
        e.HasIndex(x => new { x.ApiKeyId, x.IdempotencyKey }).IsUnique();
        e.HasIndex(x => x.ExpiresAt);
        e.HasOne<ApiKey>().WithMany().HasForeignKey(x => x.ApiKeyId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> e)
    {
        e.ToTable(t => t.HasCheckConstraint("ck_webhook_subscriptions_kind_account",
            "(kind = 'Account' AND seller_account_id IS NOT NULL) OR (kind = 'Platform' AND seller_account_id IS NULL)"));
        e.Property(x => x.PublicId).HasMaxLength(40);
        e.HasIndex(x => x.PublicId).IsUnique();
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Url).HasMaxLength(2000);
        e.Property(x => x.Secret).HasMaxLength(200);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.Property(x => x.DisabledReason).HasMaxLength(500);
        e.HasIndex(x => x.SellerAccountId);
        e.HasOne<SellerAccount>().WithMany().HasForeignKey(x => x.SellerAccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> e)
    {
        e.Property(x => x.MessageId).HasMaxLength(40);
        e.HasIndex(x => x.MessageId).IsUnique();
        e.Property(x => x.Type).HasMaxLength(60);
        e.Property(x => x.Data).HasColumnType("jsonb");
        e.HasIndex(x => x.ContactId);
        e.HasIndex(x => new { x.SellerAccountId, x.OccurredAt });
        e.HasOne<SellerAccount>().WithMany().HasForeignKey(x => x.SellerAccountId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Review>().WithMany().HasForeignKey(x => x.ReviewId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> e)
    {
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.LastAnswer).HasMaxLength(1000);
        e.HasOne(x => x.Event).WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<WebhookSubscription>().WithMany().HasForeignKey(x => x.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.EventId, x.SubscriptionId }).IsUnique();
        e.HasIndex(x => new { x.SubscriptionId, x.CreatedAt });
        // The dispatcher's claim query: due pending rows in order.
        e.HasIndex(x => x.NextAttemptAt).HasFilter("state = 'Pending'").HasDatabaseName("ix_webhook_deliveries_due");
    }
}
