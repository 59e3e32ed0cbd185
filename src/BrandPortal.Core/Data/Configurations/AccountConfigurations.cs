using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrandPortal.Core.Data.Configurations;

public sealed class SellerAccountConfiguration : IEntityTypeConfiguration<SellerAccount>
{
    public void Configure(EntityTypeBuilder<SellerAccount> e)
    {
        e.Property(x => x.ExternalId).HasMaxLength(64);
        e.HasIndex(x => x.ExternalId).IsUnique();
        e.Property(x => x.Name).HasMaxLength(200);
    }
}

public sealed class BrandConfiguration : IEntityTypeConfiguration<Brand>
{
    public void Configure(EntityTypeBuilder<Brand> e)
    {
        e.Property(x => x.ExternalId).HasMaxLength(64);
        e.HasIndex(x => x.ExternalId).IsUnique();
        e.Property(x => x.Name).HasMaxLength(200);
    }
}

public sealed class BrandSellerConfiguration : IEntityTypeConfiguration<BrandSeller>
{
    public void Configure(EntityTypeBuilder<BrandSeller> e)
    {
        e.HasKey(x => new { x.BrandId, x.SellerAccountId });
        e.HasOne(x => x.Brand).WithMany(b => b.Sellers).HasForeignKey(x => x.BrandId);
        e.HasOne(x => x.SellerAccount).WithMany(s => s.Brands).HasForeignKey(x => x.SellerAccountId);
        e.HasIndex(x => x.SellerAccountId);
    }
}

public sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> e)
    {
        e.HasOne(x => x.SellerAccount).WithMany().HasForeignKey(x => x.SellerAccountId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Customer).WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.CustomerId).IsUnique();
        e.HasIndex(x => x.SellerAccountId);
        e.Property(x => x.Language).HasMaxLength(16);
        e.HasMany(x => x.Permissions).WithOne().HasForeignKey(p => p.UserId);
        e.HasMany(x => x.BrandRoles).WithOne().HasForeignKey(r => r.UserId);
        // A user is a brand user, a customer or a Support operator: never two of them.
        e.ToTable(t => t.HasCheckConstraint("ck_users_one_kind",
            "(CASE WHEN seller_account_id IS NOT NULL THEN 1 ELSE 0 END + CASE WHEN customer_id IS NOT NULL THEN 1 ELSE 0 END + CASE WHEN is_support THEN 1 ELSE 0 END) <= 1"));
    }
}

public sealed class UserPermissionConfiguration : IEntityTypeConfiguration<UserPermission>
{
    public void Configure(EntityTypeBuilder<UserPermission> e) => e.HasKey(x => new { x.UserId, x.Permission });
}

public sealed class UserBrandRoleConfiguration : IEntityTypeConfiguration<UserBrandRole>
{
    public void Configure(EntityTypeBuilder<UserBrandRole> e)
    {
        e.HasKey(x => new { x.UserId, x.BrandId, x.Role });
        e.HasOne(x => x.Brand).WithMany().HasForeignKey(x => x.BrandId);
        e.HasIndex(x => x.BrandId);
    }
}

public sealed class UserInvitationConfiguration : IEntityTypeConfiguration<UserInvitation>
{
    public void Configure(EntityTypeBuilder<UserInvitation> e)
    {
        e.Property(x => x.TokenHash).HasMaxLength(64);
        e.HasIndex(x => x.TokenHash).IsUnique();
        e.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId);
    }
}
