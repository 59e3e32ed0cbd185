using BrandPortal.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrandPortal.Core.Data.Configurations;

public sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> e)
    {
        e.Property(x => x.ExternalId).HasMaxLength(64);
        e.HasIndex(x => x.ExternalId).IsUnique();
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Email).HasMaxLength(254);
    }
}

public sealed class CustomerBrandBlockConfiguration : IEntityTypeConfiguration<CustomerBrandBlock>
{
    public void Configure(EntityTypeBuilder<CustomerBrandBlock> e)
    {
        e.HasKey(x => new { x.CustomerId, x.BrandId });
        e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId);
        e.HasOne<Brand>().WithMany().HasForeignKey(x => x.BrandId);
    }
}

public sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> e)
    {
        e.Property(x => x.Asin).HasMaxLength(10);
        e.HasIndex(x => x.Asin).IsUnique();
        e.Property(x => x.Title).HasMaxLength(500);
        e.HasOne(x => x.Brand).WithMany().HasForeignKey(x => x.BrandId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.BrandId);
    }
}

public sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> e)
    {
        e.Property(x => x.ExternalId).HasMaxLength(64);
        e.HasIndex(x => x.ExternalId).IsUnique();
        e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<SellerAccount>().WithMany().HasForeignKey(x => x.SellerAccountId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Items).WithOne().HasForeignKey(i => i.OrderId);
        e.HasIndex(x => x.CustomerId);
    }
}

public sealed class OrderItemConfiguration : IEntityTypeConfiguration<OrderItem>
{
    public void Configure(EntityTypeBuilder<OrderItem> e)
    {
        e.Property(x => x.UnitPrice).HasPrecision(12, 2);
        e.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.OrderId, x.ProductId }).IsUnique();
        e.ToTable(t =>
        {
            t.HasCheckConstraint("ck_order_items_quantity", "quantity > 0");
            t.HasCheckConstraint("ck_order_items_unit_price", "unit_price >= 0");
        });
    }
}

public sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> e)
    {
        e.Property(x => x.ExternalId).HasMaxLength(64);
        e.HasIndex(x => x.ExternalId).IsUnique();
        e.Property(x => x.Title).HasMaxLength(500);
        e.Property(x => x.Body).HasMaxLength(20000);
        e.HasOne(x => x.Product).WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Brand>().WithMany().HasForeignKey(x => x.BrandId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Order).WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Restrict);
        e.ToTable(t =>
        {
            t.HasCheckConstraint("ck_reviews_rating", "rating BETWEEN 1 AND 5");
            t.HasCheckConstraint("ck_reviews_verified_has_order", "NOT verified_purchase OR order_id IS NOT NULL");
        });
        // The review list walks these by cursor: brand + rating, newest first (or oldest by scanning backwards).
        e.HasIndex(x => new { x.BrandId, x.Rating, x.CreatedAt, x.Id }).HasDatabaseName("ix_reviews_brand_rating_created_id");
        e.HasIndex(x => new { x.BrandId, x.CreatedAt, x.Id }).HasDatabaseName("ix_reviews_brand_created_id");
        // A user of many brands (an agency) walks time instead, brand and rating read from the index (ReviewQuery.PerBrandScansUpTo).
        e.HasIndex(x => new { x.CreatedAt, x.Id }).IncludeProperties(x => new { x.BrandId, x.Rating }).HasDatabaseName("ix_reviews_created_id");
        e.HasIndex(x => x.ProductId);
        e.HasIndex(x => x.CustomerId);
        e.HasIndex(x => x.OrderId);
        // Full-text search over title and body (see migration: a GIN index on an expression).
    }
}
