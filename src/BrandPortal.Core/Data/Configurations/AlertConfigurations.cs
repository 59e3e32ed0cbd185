using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrandPortal.Core.Data.Configurations;

public sealed class AlertSubscriptionConfiguration : IEntityTypeConfiguration<AlertSubscription>
{
    public void Configure(EntityTypeBuilder<AlertSubscription> e)
    {
        e.HasKey(x => x.UserId);
        e.HasOne<PortalUser>().WithOne().HasForeignKey<AlertSubscription>(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        // The digest run looks only at subscriptions that are on.
        e.HasIndex(x => x.Frequency).HasFilter("frequency <> 'Off'");
    }
}

public sealed class AlertDeliveryConfiguration : IEntityTypeConfiguration<AlertDelivery>
{
    public void Configure(EntityTypeBuilder<AlertDelivery> e)
    {
        // Never twice for the same review: two digest runs racing cannot both record (user, review).
        e.HasKey(x => new { x.UserId, x.ReviewId });
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Review>().WithMany().HasForeignKey(x => x.ReviewId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<OutboxEmail>().WithMany().HasForeignKey(x => x.OutboxEmailId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.ReviewId);
        e.HasIndex(x => x.OutboxEmailId);
    }
}
