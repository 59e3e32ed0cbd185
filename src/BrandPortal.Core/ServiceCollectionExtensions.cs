using BrandPortal.Core.Access;
using BrandPortal.Core.Contacts;
using BrandPortal.Core.Data;
using BrandPortal.Core.Eligibility;
using BrandPortal.Core.Email;
using BrandPortal.Core.Import;
using BrandPortal.Core.Messaging;
using BrandPortal.Core.Reviews;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BrandPortal.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>The service layer, as the portal and the CLI both use it.</summary>
    public static IServiceCollection AddBrandPortalCore(this IServiceCollection services, string connectionString)
    {
        services.AddDbContextPool<BrandPortalDbContext>(o => o.UseBrandPortalDatabase(connectionString), poolSize: 256);
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PortalOptions>, PortalOptionsValidator>();
        services.AddSingleton<SmtpConnector>();
        services.AddScoped<AccessService>();
        services.AddScoped<ImportService>();
        services.AddScoped<EligibilityService>();
        services.AddScoped<ReviewQuery>();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidator>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddScoped<ContactTimeline>();
        services.AddScoped<ContactCustomerService>();
        services.AddScoped<MessageCenterService>();
        services.AddScoped<BrandMessagesService>();
        return services;
    }
}
