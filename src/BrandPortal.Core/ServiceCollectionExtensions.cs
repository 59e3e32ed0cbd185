using BrandPortal.Core.Access;
using BrandPortal.Core.Contacts;
using BrandPortal.Core.Audit;
using BrandPortal.Core.Cases;
using BrandPortal.Core.Data;
using BrandPortal.Core.Data.Replicas;
using BrandPortal.Core.Eligibility;
using BrandPortal.Core.Email;
using BrandPortal.Core.Import;
using BrandPortal.Core.Reviews;
using BrandPortal.Core.Messaging;
using BrandPortal.Core.Support;
using BrandPortal.Core.Webhooks;
using BrandPortal.Core.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BrandPortal.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The service layer, as the portal and the CLI both use it. With <paramref name="readConnectionString"/> (the
    /// portal's optional ConnectionStrings:BrandPortalRead) stale-tolerant reads go through <see cref="ReadDb"/> to it
    /// and the primary's health is watched; without it <see cref="ReadDb"/> is the primary's context and nothing is added.
    /// </summary>
    public static IServiceCollection AddBrandPortalCore(this IServiceCollection services, string connectionString, string? readConnectionString = null)
    {
        services.AddSingleton<PrimaryStatus>();
        if (string.IsNullOrWhiteSpace(readConnectionString))
        {
            services.AddDbContextPool<BrandPortalDbContext>(o => o.UseBrandPortalDatabase(connectionString), poolSize: 256);
        }
        else
        {
            services.AddSingleton<PrimaryWatch>();
            services.AddDbContextPool<BrandPortalDbContext>((sp, o) => o.UseBrandPortalDatabase(connectionString)
                .AddInterceptors(sp.GetRequiredService<PrimaryWatch>()), poolSize: 256);
            services.AddSingleton(sp => new ReadReplica(readConnectionString, sp.GetRequiredService<PrimaryStatus>()));
        }
        services.AddScoped<ReadDb>();
        services.AddSingleton(TimeProvider.System);
        // IMeterFactory (the portal's host registers it too; the CLI gets it here): see Telemetry.BrandPortalMetrics.
        services.AddMetrics();
        services.AddSingleton<Telemetry.QueueDepths>();
        services.AddSingleton<Telemetry.BrandPortalMetrics>();
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PortalOptions>, PortalOptionsValidator>();
        services.AddSingleton<SmtpConnector>();
        services.AddSingleton<BrandNameCache>();
        services.AddScoped<AccessService>();
        services.AddScoped<UserLanguageService>();
        services.AddScoped<ImportService>();
        services.AddScoped<EligibilityService>();
        services.AddScoped<Insights.InsightsService>();
        services.AddScoped<Topics.TopicService>();
        services.AddOptions<Topics.TopicOptions>().BindConfiguration(Topics.TopicOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Topics.TopicOptions>, Topics.TopicOptionsValidator>();
        services.AddSingleton(_ => new ReviewCountCache());
        services.AddScoped<ReviewQuery>();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidator>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddScoped<ContactTimeline>();
        services.AddScoped<ReviewHistoryService>();
        services.AddScoped<Notes.ReviewNoteService>();
        services.AddSingleton<SavedViews.SavedViewCache>();
        services.AddScoped<SavedViews.SavedViewService>();
        services.AddScoped<ReviewWorkService>();
        services.AddScoped<ReviewBulkService>();
        services.AddScoped<ContactCustomerService>();
        services.AddScoped<MessageCenterService>();
        services.AddScoped<BrandMessagesService>();
        services.AddScoped<ResponseTimeReport>();
        services.AddScoped<PermissionService>();
        services.AddScoped<InvitationService>();
        services.AddScoped<PasswordPolicy>();
        // Needs Identity's UserManager, which only the portal registers; only the portal resolves it.
        services.AddScoped<SignInService>();
        // The portal's Identity registers the same hasher; the CLI gets it from here.
        services.TryAddScoped<IPasswordHasher<PortalUser>, PasswordHasher<PortalUser>>();
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = PasswordHashing.Iterations);
        services.AddScoped<CaseService>();
        services.AddScoped<SupportService>();
        services.AddScoped<ApiKeys.ApiKeyService>();
        services.AddScoped<Webhooks.WebhookSubscriptionService>();
        services.AddScoped<Api.ApiContactsQuery>();
        services.AddScoped<Api.ApiReviewsService>();
        services.AddScoped<Api.ApiReviewExport>();
        services.AddScoped<Api.ApiIngestService>();
        services.AddScoped<Api.ApiIdempotencyStore>();
        services.AddScoped<AuditQuery>();
        services.AddOptions<Alerts.AlertOptions>().BindConfiguration(Alerts.AlertOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Alerts.AlertOptions>, Alerts.AlertOptionsValidator>();
        // Needs Data Protection, which the portal configures (keys in PostgreSQL); only the portal resolves these.
        services.AddScoped<Alerts.UnsubscribeTokens>();
        services.AddScoped<Alerts.AlertSettingsService>();
        services.AddScoped<Alerts.ReviewDigestService>();
        services.AddScoped<Alerts.Conditions.ConditionAlertSettingsService>();
        services.AddScoped<Alerts.Conditions.ITermSpikeSource, Alerts.Conditions.LexemeTermSpikes>();
        services.AddScoped<Alerts.Conditions.ConditionFinder>();
        services.AddScoped<Alerts.Conditions.ConditionAlertEmails>();
        services.AddScoped<Alerts.Conditions.ConditionAlertService>();
        services.AddOptions<Webhooks.WebhookOptions>().BindConfiguration(Webhooks.WebhookOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Webhooks.WebhookOptions>, Webhooks.WebhookOptionsValidator>();
        services.AddWebhookHttpClient();
        services.AddSingleton<Webhooks.WebhookDispatcher>();
        services.AddScoped<Webhooks.ThreadOverdueCheck>();
        return services;
    }
}
