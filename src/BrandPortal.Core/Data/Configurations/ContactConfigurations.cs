using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrandPortal.Core.Data.Configurations;

public sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> e)
    {
        // At most one contact per review, ever: the database decides races between tabs and instances.
        e.HasIndex(x => x.ReviewId).IsUnique();
        e.HasOne(x => x.Review).WithMany().HasForeignKey(x => x.ReviewId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Brand>().WithMany().HasForeignKey(x => x.BrandId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.SentByUserId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Refund).WithOne().HasForeignKey<Refund>(r => r.ContactId);
        e.HasIndex(x => new { x.CustomerId, x.SentAt });
        e.HasIndex(x => new { x.BrandId, x.SentAt });
    }
}

public sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> e)
    {
        e.HasIndex(x => x.ContactId).IsUnique();
        e.Property(x => x.Amount).HasPrecision(12, 2);
        e.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        e.ToTable(t => t.HasCheckConstraint("ck_refunds_amount", "amount >= 0"));
    }
}

public sealed class MessageThreadConfiguration : IEntityTypeConfiguration<MessageThread>
{
    public void Configure(EntityTypeBuilder<MessageThread> e)
    {
        e.ToTable("threads");
        e.HasIndex(x => x.ContactId).IsUnique();
        e.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Brand>().WithMany().HasForeignKey(x => x.BrandId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Messages).WithOne().HasForeignKey(m => m.ThreadId);
        e.HasIndex(x => new { x.BrandId, x.LastMessageAt });
    }
}

public sealed class ThreadMessageConfiguration : IEntityTypeConfiguration<ThreadMessage>
{
    public void Configure(EntityTypeBuilder<ThreadMessage> e)
    {
        e.Property(x => x.Body).HasMaxLength(4000);
        e.HasIndex(x => new { x.ThreadId, x.SentAt });
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.NoResponseNeededByUserId).OnDelete(DeleteBehavior.Restrict);
        // The response-time report reads the customer messages of the last 90 days.
        e.HasIndex(x => x.SentAt).HasFilter("sender = 'Customer'").HasDatabaseName("ix_thread_messages_customer_sent_at");
    }
}

public sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> e)
    {
        e.Property(x => x.MessageId).HasMaxLength(200);
        e.HasIndex(x => x.MessageId).IsUnique();
        e.Property(x => x.ToAddress).HasMaxLength(254);
        e.Property(x => x.ToName).HasMaxLength(200);
        e.Property(x => x.Subject).HasMaxLength(500);
        e.Property(x => x.LastError).HasMaxLength(1000);
        e.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.ContactId);
        // The dispatcher's claim query: due queued rows in order.
        e.HasIndex(x => x.NextAttemptAt).HasFilter("state = 'Queued'").HasDatabaseName("ix_outbox_emails_due");
    }
}

public sealed class BrandRegistryCaseConfiguration : IEntityTypeConfiguration<BrandRegistryCase>
{
    public void Configure(EntityTypeBuilder<BrandRegistryCase> e)
    {
        e.ToTable("cases");
        e.Property(x => x.Justification).HasMaxLength(2000);
        e.Property(x => x.DecisionNote).HasMaxLength(2000);
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.RequesterUserId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.SubjectUserId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.DecidedByUserId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Brand>().WithMany().HasForeignKey(x => x.BrandId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.State, x.CreatedAt });
        e.HasIndex(x => x.BrandId);
        // One open case per brand and user, held by the database: six racing submissions cannot open six.
        e.HasIndex(x => new { x.BrandId, x.SubjectUserId }).IsUnique().HasFilter("state = 'Open'").HasDatabaseName(OneOpenIndex);
    }

    public const string OneOpenIndex = "ux_cases_one_open_per_brand_and_user";
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.Property(x => x.Actor).HasMaxLength(254);
        e.Property(x => x.Action).HasMaxLength(60);
        e.Property(x => x.ObjectType).HasMaxLength(60);
        e.Property(x => x.ObjectId).HasMaxLength(100);
        e.Property(x => x.Before).HasMaxLength(4000);
        e.Property(x => x.After).HasMaxLength(4000);
        e.Property(x => x.ClientIp).HasMaxLength(45);
        e.HasIndex(x => new { x.SellerAccountId, x.At });
        e.HasIndex(x => x.At);
    }
}
