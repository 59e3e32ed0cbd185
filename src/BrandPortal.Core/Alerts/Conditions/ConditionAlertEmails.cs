using System.Globalization;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Email;
using Microsoft.Extensions.Options;

namespace BrandPortal.Core.Alerts.Conditions;

/// <summary>
/// The condition alert emails (Email/Templates/RatingDropAlert, TopicSpikeAlert, ResponseDueAlert). Brand users'
/// alert emails are English, like the review digests; only customers' emails follow their marketplace's language.
/// </summary>
public sealed class ConditionAlertEmails(IOptions<PortalOptions> portal)
{
    public static string Template(ConditionRule rule) => rule switch
    {
        ConditionRule.RatingDrop => "RatingDropAlert",
        ConditionRule.TopicSpike => "TopicSpikeAlert",
        _ => "ResponseDueAlert",
    };

    public RenderedEmail Render(MetCondition m, ConditionNames names, DateTimeOffset now)
    {
        var baseUrl = portal.Value.BaseUrl.TrimEnd('/');
        var values = new Dictionary<string, string>
        {
            ["Brand"] = names.Brands[m.BrandId].Name,
            ["SettingsLink"] = $"{baseUrl}/Brands/Alerts",
        };
        switch (m.Facts)
        {
            case RatingDropFacts f:
                values["Drop"] = Stars(f.Drop);
                values["RecentAverage"] = Stars(f.RecentAverage);
                values["RecentReviews"] = f.RecentReviews.ToString(CultureInfo.InvariantCulture);
                values["PriorAverage"] = Stars(f.PriorAverage);
                values["PriorReviews"] = f.PriorReviews.ToString(CultureInfo.InvariantCulture);
                values["RecentFrom"] = Wording.Day(f.RecentFrom);
                values["PriorFrom"] = Wording.Day(f.PriorFrom);
                values["Today"] = Wording.Day(now);
                values["ReviewsLink"] = $"{baseUrl}/Brands/Reviews";
                break;
            case TopicSpikeFacts f:
                var product = names.Products[m.ProductId!.Value];
                values["Term"] = f.Term;
                values["Count"] = f.Reviews.ToString(CultureInfo.InvariantCulture);
                values["Product"] = product.Title;
                values["Asin"] = product.Asin;
                values["Since"] = Wording.Day(f.Since);
                values["ReviewsLink"] = $"{baseUrl}/Brands/Reviews";
                break;
            case ResponseDueFacts f:
                values["Product"] = names.ThreadProducts[m.ThreadId!.Value];
                values["Since"] = Wording.When(f.ResponseNeededSince);
                values["DueAt"] = Wording.When(f.AnswerDueAt);
                values["ThreadLink"] = $"{baseUrl}/Brands/Messages/{m.ThreadId.Value.ToString(CultureInfo.InvariantCulture)}";
                break;
        }
        return EmailTemplates.Render(Template(m.Rule), values);
    }

    private static string Stars(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
