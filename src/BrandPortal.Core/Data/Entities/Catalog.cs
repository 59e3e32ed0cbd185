namespace BrandPortal.Core.Data.Entities;

public sealed class Customer
{
    public long Id { get; set; }
    public required string ExternalId { get; set; }
    public required string Name { get; set; }
    public required string Email { get; set; }
}

/// <summary>A customer's refusal of all messages from one brand.</summary>
public sealed class CustomerBrandBlock
{
    public long CustomerId { get; set; }
    public long BrandId { get; set; }
    public DateTimeOffset BlockedAt { get; set; }
}

public sealed class Product
{
    public long Id { get; set; }
    public required string Asin { get; set; }
    public required string Title { get; set; }
    public long BrandId { get; set; }
    public Brand? Brand { get; set; }
}

public sealed class Order
{
    public long Id { get; set; }
    public required string ExternalId { get; set; }
    public long CustomerId { get; set; }
    public long SellerAccountId { get; set; }
    public Marketplace Marketplace { get; set; }
    public DateTimeOffset PlacedAt { get; set; }
    public List<OrderItem> Items { get; set; } = [];
}

public sealed class OrderItem
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    public long ProductId { get; set; }
    public int Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    public required string Currency { get; set; }
}

public sealed class Review
{
    public long Id { get; set; }
    public required string ExternalId { get; set; }
    public long ProductId { get; set; }
    public Product? Product { get; set; }
    /// <summary>Copied from the product so that the review filters run on one index.</summary>
    public long BrandId { get; set; }
    public long CustomerId { get; set; }
    public short Rating { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public bool VerifiedPurchase { get; set; }
    public long? OrderId { get; set; }
    public Order? Order { get; set; }
}
