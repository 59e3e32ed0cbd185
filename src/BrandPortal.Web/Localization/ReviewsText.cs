using BrandPortal.Core.Access;
using BrandPortal.Core.Reviews;
using BrandPortal.Web.Pages;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace BrandPortal.Web.Localization;

/// <summary>
/// What Core writes for the Customer Reviews pages, in the request's language: the filter's messages and its summary,
/// the status and error messages of done, assignment, bulk changes, saved views, notes and contacts, and Core's names
/// (periods, contact reasons, contact outcomes). Pages inject <c>IHtmlLocalizer&lt;ReviewsText&gt; T</c> and write
/// <c>@T.Message(Model.Error)</c>, <c>@T.Describe(filter, brands)</c> or <c>@T[name]</c>. Translations:
/// Resources/Localization/ReviewsText.{de,fr,es,ja}.resx.
/// </summary>
public sealed class ReviewsText
{
    public static readonly EnglishFormats Messages = new(
    [
        // ReviewFilter
        "Star ratings go from 1 to 5; the other values were ignored.",
        "Star ratings go from 1 to 5; showing critical reviews (1 to 3 stars).",
        "That brand is not valid; showing all the brands you represent.",
        "You do not represent that brand, so its reviews cannot be shown; showing all the brands you represent. To represent another brand, ask its Brand Registry administrator to submit a case for you.",
        "The end date is before the start date.",
        "Showing the last 12 months instead.",
        "Custom dates need a start date, an end date or both; showing the last 12 months.",
        "The time period must be the last 30 days, 90 days, 12 months or all time; showing the last 12 months.",
        "The start date must be a date like 2026-01-31.",
        "The end date must be a date like 2026-01-31.",
        "The contact state must be not contacted, contacted or customer replied; showing all reviews.",
        "Done reviews can be hidden, included or shown alone; done reviews are hidden.",
        "The assignee must be you, nobody or a user of your account; showing reviews whoever they are assigned to.",
        "Reviews can be sorted newest first, oldest first or lowest rating first; showing newest first.",
        "The page link is not valid (it may have been cut short); showing the first page.",
        "The page link belongs to another sort order; showing the first page.",
        // ReviewWorkService, ReviewBulkService and the Work and Bulk pages
        "Your Customer Reviews permission is View: you can see which reviews are done and assigned but not change them. Ask your account administrator for View and Edit (under Advertising).",
        "This review was already done.",
        "This review was not done; nothing changed.",
        "Marked as done. Done reviews are hidden unless the filter includes them.",
        "Undone: the review is open again.",
        "This review was not assigned; nothing changed.",
        "Unassigned.",
        "Assigned to you.",
        "Choose who to assign the review to. Nothing was changed.",
        "No reviews were selected. Tick the reviews to change, or \"Select all matching this filter\". Nothing was changed.",
        "Choose who to assign the reviews to. Nothing was changed.",
        "That user cannot be given these reviews: reviews can be assigned only to a user of your seller account who represents their brand and may open Customer Reviews. Nothing was changed.",
        "Choose Mark as done, Undo done or Assign to … in the bar above the reviews. Nothing was changed.",
        "1 review marked as done.",
        "1 review open again.",
        // SavedViewService
        "Choose who sees the view: only you, or everyone of your seller account.",
        "These filters are too long to save; shorten the search text.",
        "Give the view a name.",
        // ReviewNoteService
        "Your note is saved. Only users of your seller account see it.",
        "Your note is deleted.",
        "Write the note first: it cannot be empty.",
        // ContactCustomerService
        "Choose a reason: Courtesy Refund or Customer Support.",
        "The customer cannot be contacted about this review:",
        "The email is on its way to the customer. Its delivery shows below.",
        "This customer has already been contacted about this review.",
        // CustomerContext.OutcomeOf: how an earlier contact ended
        "Refund accepted",
        "Refund offered, not accepted",
        "Customer declined",
        "Customer replied; waiting for your answer",
        "Customer replied; you answered",
        "Customer replied",
        "No answer from the customer yet",
    ],
    [
        new("The start date must be between {0} and {1}.", ArgKind.Number, ArgKind.Number),
        new("The end date must be between {0} and {1}.", ArgKind.Number, ArgKind.Number),
        new("The search text is limited to {0} characters; the search was not applied.", ArgKind.Number),
        new("That user cannot be given this review: a review can be assigned only to a user of your seller account who represents {0} and may open Customer Reviews. Nothing was changed.", ArgKind.Name),
        new("This review was already assigned to {0}.", ArgKind.Name),
        new("Assigned to {0}, who is emailed.", ArgKind.Name),
        new("Assigned to {0}.", ArgKind.Name),
        new("At most {0} reviews can be ticked one by one; use \"Select all matching this filter\" instead. Nothing was changed.", ArgKind.Number),
        new("{0} reviews marked as done.", ArgKind.Number),
        new("{0} skipped: already done.", ArgKind.Number),
        new("{0} reviews open again.", ArgKind.Number),
        new("{0} skipped: not done.", ArgKind.Number),
        new("1 review assigned to {0}.", ArgKind.Name),
        new("{0} reviews assigned to {1}.", ArgKind.Number, ArgKind.Name),
        new("{0} skipped: {1} does not represent their brand, or they were already assigned to {1}.", ArgKind.Number, ArgKind.Name),
        new("{0} is emailed.", ArgKind.Name),
        new("The view “{0}” is saved and shared with your seller account.", ArgKind.Name),
        new("The view “{0}” is saved; only you see it.", ArgKind.Name),
        new("The view is still called “{0}”.", ArgKind.Name),
        new("The view “{0}” is now called “{1}”.", ArgKind.Name, ArgKind.Name),
        new("The view “{0}” is deleted.", ArgKind.Name),
        new("Your seller account already has a shared view named “{0}”. Choose another name.", ArgKind.Name),
        new("You already have a view named “{0}”. Choose another name.", ArgKind.Name),
        new("Only {0}, who made the shared view “{1}”, or an account administrator can rename it. Nothing was changed.", ArgKind.Name, ArgKind.Name),
        new("Only {0}, who made the shared view “{1}”, or an account administrator can delete it. Nothing was changed.", ArgKind.Name, ArgKind.Name),
        new("A view's name can be at most {0} characters long; this one has {1}.", ArgKind.Number, ArgKind.Number),
        new("Only the author of a note can delete it; this one was written by {0}.", ArgKind.Name),
        new("A note can be at most {0} characters long; this one has {1}. Shorten it or split it into two notes.", ArgKind.Number, ArgKind.Number),
        new("{0} already contacted this customer about this review on {1}.", ArgKind.Name, ArgKind.WhenInSentence),
        new("{0}; the customer has since blocked this brand", ArgKind.Phrase),
    ]);
}

public static class ReviewsTextExtensions
{
    /// <summary>A message Core (or a page model) wrote in English, in the request's language; null stays null.</summary>
    public static IHtmlContent? Message(this IHtmlLocalizer<ReviewsText> t, string? english)
        => english is null ? null : ReviewsText.Messages.Localize(t, english);

    /// <summary>The filter in words, as <see cref="ReviewFilterSummary.Describe"/> writes it in English, from the filter itself.</summary>
    public static IHtmlContent Describe(this IHtmlLocalizer<ReviewsText> t, ReviewFilter f, IReadOnlyList<BrandRoleGrant> representedBrands)
    {
        if (EnglishFormats.IsSource) return new StringHtmlContent(ReviewFilterSummary.Describe(f, representedBrands));
        IHtmlContent brand = ReviewFilterSummary.BrandName(f, representedBrands) is { } name ? Markup.Name(name) : t["All your brands"];
        IHtmlContent stars = f.Stars.Count == 5 ? t["All ratings"] : f.Stars is [1] ? t["1 star"] : t["{0} stars", string.Join(", ", f.Stars)];
        var builder = new HtmlContentBuilder(9).AppendHtml(brand).Append(" · ").AppendHtml(stars).Append(" · ").AppendHtml(t.Period(f));
        if (f.Search is { } s) builder.Append(" · ").AppendHtml(t["matching “{0}”", Markup.Name(s)]);
        return builder.Append(" · ").AppendHtml(t[ReviewFilterSummary.Sort(f.Sort)]);
    }

    /// <summary>The filter's period: its name, or the custom dates ("1 Jan 2026 to today").</summary>
    public static IHtmlContent Period(this IHtmlLocalizer<ReviewsText> t, ReviewFilter f)
    {
        if (f.Period != ReviewPeriod.Custom) return t[ReviewFilterSummary.Period(f.Period)];
        return t["{0} to {1}", f.From is { } from ? Day(from) : t["Any date"], f.To is { } to ? Day(to) : t["today"]];
    }

    private static IHtmlContent Day(DateOnly day)
    {
        var at = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return EnglishFormats.Time(at, Display.Day(at));
    }
}
