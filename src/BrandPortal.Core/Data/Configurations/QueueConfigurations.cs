using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrandPortal.Core.Data.Configurations;

public sealed class ReviewWorkConfiguration : IEntityTypeConfiguration<ReviewWork>
{
    public void Configure(EntityTypeBuilder<ReviewWork> e)
    {
        e.ToTable("review_work", t =>
        {
            t.HasCheckConstraint("ck_review_work_done_by", "(done_at IS NULL) = (done_by_user_id IS NULL)");
            t.HasCheckConstraint("ck_review_work_assigned", "(assignee_user_id IS NULL) = (assigned_at IS NULL)");
        });
        // The page's LEFT JOIN and every write find the row by (account, review).
        e.HasKey(x => new { x.SellerAccountId, x.ReviewId });
        e.HasOne<SellerAccount>().WithMany().HasForeignKey(x => x.SellerAccountId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Review>().WithMany().HasForeignKey(x => x.ReviewId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.DoneByUserId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.AssigneeUserId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.AssignedByUserId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Brand>().WithMany().HasForeignKey(x => x.BrandId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.ReviewId);
        e.HasIndex(x => x.BrandId);
        // "assignee=me" (and the dashboard's count): one range of this index, newest first, whatever the brand size. The
        // assignee leads, so that it is also the foreign key's index: a second index on the assignee alone tempted the
        // planner to fetch the user's rows and sort them.
        e.HasIndex(x => new { x.AssigneeUserId, x.SellerAccountId, x.ReviewCreatedAt, x.ReviewId })
            .HasDatabaseName("ix_review_work_assignee_created").HasFilter("assignee_user_id IS NOT NULL");
        // "done=only": the account's done reviews, newest first.
        e.HasIndex(x => new { x.SellerAccountId, x.ReviewCreatedAt, x.ReviewId })
            .HasDatabaseName("ix_review_work_done_created").HasFilter("done_at IS NOT NULL");
        e.HasIndex(x => x.DoneByUserId);
        e.HasIndex(x => x.AssignedByUserId);
    }
}

public sealed class PortalUserQueueConfiguration : IEntityTypeConfiguration<PortalUser>
{
    // Default on: a new user hears about their assignments. The database default covers rows written by raw SQL; the
    // sentinel true lets EF send an explicit false (true is left to the default).
    public void Configure(EntityTypeBuilder<PortalUser> e) => e.Property(x => x.EmailWhenAssigned).HasDefaultValueSql("true").HasSentinel(true);
}
