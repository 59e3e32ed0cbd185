using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrandPortal.Core.Data.Configurations;

public sealed class ReviewNoteConfiguration : IEntityTypeConfiguration<ReviewNote>
{
    public void Configure(EntityTypeBuilder<ReviewNote> e)
    {
        e.Property(x => x.Text).HasMaxLength(ReviewNote.MaxLength);
        e.HasOne<Review>().WithMany().HasForeignKey(x => x.ReviewId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<SellerAccount>().WithMany().HasForeignKey(x => x.SellerAccountId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.AuthorUserId).OnDelete(DeleteBehavior.Restrict);
        // The Contact page reads one review's notes of one account, newest first.
        e.HasIndex(x => new { x.ReviewId, x.SellerAccountId, x.CreatedAt });
        e.HasIndex(x => x.SellerAccountId);
        e.HasIndex(x => x.AuthorUserId);
    }
}

public sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> e)
    {
        e.Property(x => x.Name).HasMaxLength(SavedView.MaxNameLength);
        e.Property(x => x.NameKey).HasMaxLength(SavedView.MaxNameLength);
        e.Property(x => x.Query).HasMaxLength(SavedView.MaxQueryLength);
        e.HasOne<SellerAccount>().WithMany().HasForeignKey(x => x.SellerAccountId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
        // Names are unique per owner among private views and per account among shared ones: the database settles two
        // tabs saving the same name at once.
        e.HasIndex(x => new { x.OwnerUserId, x.NameKey }).IsUnique().HasFilter("NOT shared");
        e.HasIndex(x => new { x.SellerAccountId, x.NameKey }).IsUnique().HasFilter("shared");
    }
}
