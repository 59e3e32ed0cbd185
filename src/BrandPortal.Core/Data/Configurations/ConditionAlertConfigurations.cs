using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrandPortal.Core.Data.Configurations;

public sealed class ConditionAlertChoiceConfiguration : IEntityTypeConfiguration<ConditionAlertChoice>
{
    public void Configure(EntityTypeBuilder<ConditionAlertChoice> e)
    {
        e.HasKey(x => new { x.UserId, x.Rule });
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        // The run asks "who chose this rule": by rule first.
        e.HasIndex(x => new { x.Rule, x.UserId });
    }
}

public sealed class ConditionAlertOccurrenceConfiguration : IEntityTypeConfiguration<ConditionAlertOccurrence>
{
    public void Configure(EntityTypeBuilder<ConditionAlertOccurrence> e)
    {
        e.Property(x => x.Subject).HasMaxLength(300);
        e.Property(x => x.Details).HasColumnType("jsonb");
        e.HasOne<SellerAccount>().WithMany().HasForeignKey(x => x.SellerAccountId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Brand>().WithMany().HasForeignKey(x => x.BrandId).OnDelete(DeleteBehavior.Cascade);
        // Once per occurrence: while one is open, a second run or a second instance cannot open the same one again.
        e.HasIndex(x => new { x.Rule, x.SellerAccountId, x.Subject }).IsUnique().HasFilter("cleared_at IS NULL")
            .HasDatabaseName("ix_condition_alert_occurrences_open");
        e.HasIndex(x => new { x.SellerAccountId, x.DetectedAt });
        e.HasIndex(x => x.BrandId);
    }
}
