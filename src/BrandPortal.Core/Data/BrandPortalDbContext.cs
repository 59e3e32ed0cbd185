using BrandPortal.Core.Data.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BrandPortal.Core.Data;

public sealed class BrandPortalDbContext(DbContextOptions<BrandPortalDbContext> options)
    : IdentityDbContext<PortalUser, PortalRole, long>(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core Data Protection keys, shared by every portal instance on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<SellerAccount> SellerAccounts => Set<SellerAccount>();
    public DbSet<Brand> Brands => Set<Brand>();
    public DbSet<BrandSeller> BrandSellers => Set<BrandSeller>();
    public DbSet<UserPermission> UserPermissions => Set<UserPermission>();
    public DbSet<UserBrandRole> UserBrandRoles => Set<UserBrandRole>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerBrandBlock> CustomerBrandBlocks => Set<CustomerBrandBlock>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderItem> OrderItems => Set<OrderItem>();
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Refund> Refunds => Set<Refund>();
    public DbSet<MessageThread> Threads => Set<MessageThread>();
    public DbSet<ThreadMessage> ThreadMessages => Set<ThreadMessage>();
    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();
    public DbSet<BrandRegistryCase> Cases => Set<BrandRegistryCase>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<UserInvitation> UserInvitations => Set<UserInvitation>();
    public DbSet<AlertSubscription> AlertSubscriptions => Set<AlertSubscription>();
    public DbSet<AlertDelivery> AlertDeliveries => Set<AlertDelivery>();
    public DbSet<ConditionAlertChoice> ConditionAlertChoices => Set<ConditionAlertChoice>();
    public DbSet<ConditionAlertOccurrence> ConditionAlertOccurrences => Set<ConditionAlertOccurrence>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<ReviewVersion> ReviewVersions => Set<ReviewVersion>();
    public DbSet<ApiIdempotencyRecord> ApiIdempotencyRecords => Set<ApiIdempotencyRecord>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookEvent> WebhookEvents => Set<WebhookEvent>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<ReviewNote> ReviewNotes => Set<ReviewNote>();
    public DbSet<SavedView> SavedViews => Set<SavedView>();
    public DbSet<ReviewWork> ReviewWork => Set<ReviewWork>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<PortalUser>().ToTable("users");
        builder.Entity<PortalRole>().ToTable("roles");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserRole<long>>().ToTable("user_roles");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<long>>().ToTable("user_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<long>>().ToTable("user_logins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<long>>().ToTable("user_tokens");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityRoleClaim<long>>().ToTable("role_claims");
        builder.ApplyConfigurationsFromAssembly(typeof(BrandPortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL and safe against reordering.
        configurationBuilder.Properties<SellerPlan>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<AccountStanding>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<BrandRole>().HaveConversion<string>().HaveMaxLength(30);
        configurationBuilder.Properties<Permission>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<PermissionLevel>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<Marketplace>().HaveConversion<string>().HaveMaxLength(2);
        configurationBuilder.Properties<ContactReason>().HaveConversion<string>().HaveMaxLength(30);
        configurationBuilder.Properties<RefundState>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<SupportAnswer>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<MessageSender>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<CaseState>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<EmailState>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<EmailKind>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<AlertFrequency>().HaveConversion<string>().HaveMaxLength(20);
        configurationBuilder.Properties<ConditionRule>().HaveConversion<string>().HaveMaxLength(20);
    }
}
