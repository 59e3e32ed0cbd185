using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrandPortal.Core.Data.Configurations;

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> e)
    {
        e.ToTable(t =>
        {
            // An account key belongs to an account; a platform key to none: the two can never be mixed up.
            t.HasCheckConstraint("ck_api_keys_kind_account",
                "(kind = 'Account' AND seller_account_id IS NOT NULL) OR (kind = 'Platform' AND seller_account_id IS NULL)");
        });
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Prefix).HasMaxLength(32);
        e.Property(x => x.SecretHash).HasMaxLength(32);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        // Every API request finds its key by prefix.
        e.HasIndex(x => x.Prefix).IsUnique();
        e.HasIndex(x => x.SellerAccountId);
        e.HasOne<SellerAccount>().WithMany().HasForeignKey(x => x.SellerAccountId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.CreatedByUserId).OnDelete(DeleteBehavior.SetNull);
    }
}
