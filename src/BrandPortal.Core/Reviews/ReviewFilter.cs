using System.Globalization;
using BrandPortal.Core.Access;
using BrandPortal.Core.Filtering;

namespace BrandPortal.Core.Reviews;

public enum ReviewSort { Newest, Oldest, Lowest }

public enum ReviewPeriod { Last30Days, Last90Days, Last12Months, All, Custom }

/// <summary>Contact state filter. Sent and Replied count only contacts made by the user's own seller account.</summary>
public enum ContactFilter { Any, None, Sent, Replied }

/// <summary>Done state filter, per the user's seller account: done reviews are hidden unless asked for.</summary>
public enum DoneFilter { Hide, Include, Only }

/// <summary>Assignee filter within the user's seller account: anyone's or nobody's, the viewer's own, or one user's (<see cref="ReviewFilter.AssigneeUserId"/>).</summary>
public enum AssigneeFilter { Any, Me, None, User }

/// <summary>The raw query-string values of the Customer Reviews page, exactly as the browser sent them.</summary>
public sealed record ReviewFilterInput(
    IReadOnlyList<string?> Stars,
    string? Brand = null,
    string? Period = null,
    string? From = null,
    string? To = null,
    string? Contact = null,
    string? Q = null,
    string? Sort = null,
    string? After = null,
    string? Done = null,
    string? Assignee = null,
    string? Topic = null);

/// <summary>A valid review filter plus the plain-words messages about any input that was ignored or corrected.</summary>
public sealed record ParsedReviewFilter(ReviewFilter Filter, IReadOnlyList<string> Messages);

/// <summary>
/// The Customer Reviews filters, always valid: <see cref="Parse"/> turns any query string into a filter the query can
/// run, and says in plain words what it ignored. Pure: no database, no clock (periods are resolved by the query).
/// </summary>
public sealed record ReviewFilter(
    IReadOnlyList<int> Stars,
    long? BrandId,
    ReviewPeriod Period,
    DateOnly? From,
    DateOnly? To,
    ContactFilter Contact,
    string? Search,
    ReviewSort Sort,
    ReviewCursor? After,
    DoneFilter Done = DoneFilter.Hide,
    AssigneeFilter Assignee = AssigneeFilter.Any,
    long? AssigneeUserId = null,
    string? Topic = null)
{
    public const int MaxSearchLength = 200;
    public static readonly IReadOnlyList<int> DefaultStars = [1, 2, 3];
    public const ReviewPeriod DefaultPeriod = ReviewPeriod.Last12Months;

    public static ReviewFilter Default { get; } =
        new(DefaultStars, null, DefaultPeriod, null, null, ContactFilter.Any, null, ReviewSort.Newest, null);

    public static readonly IReadOnlyDictionary<string, ReviewPeriod> Periods = new Dictionary<string, ReviewPeriod>(StringComparer.OrdinalIgnoreCase)
    {
        ["30d"] = ReviewPeriod.Last30Days, ["90d"] = ReviewPeriod.Last90Days, ["12m"] = ReviewPeriod.Last12Months, ["all"] = ReviewPeriod.All,
        ["custom"] = ReviewPeriod.Custom,
    };

    public static ParsedReviewFilter Parse(ReviewFilterInput input, IReadOnlyList<BrandRoleGrant> representedBrands)
    {
        var messages = new List<string>();
        var stars = ParseStars(input.Stars, messages);
        var brandId = ParseBrand(input.Brand, representedBrands, messages);
        var (period, from, to) = ParsePeriod(input.Period, input.From, input.To, messages);
        var contact = ParseContact(input.Contact, messages);
        var search = ParseSearch(input.Q, messages);
        var sort = ParseSort(input.Sort, messages);
        var after = ParseCursor(input.After, sort, messages);
        var done = ParseDone(input.Done, messages);
        var (assignee, assigneeId) = ParseAssignee(input.Assignee, messages);
        var topic = ParseTopic(input.Topic, messages);
        return new ParsedReviewFilter(new ReviewFilter(stars, brandId, period, from, to, contact, search, sort, after, done, assignee, assigneeId, topic), messages);
    }

    private static IReadOnlyList<int> ParseStars(IReadOnlyList<string?> values, List<string> messages)
    {
        var given = values.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        if (given.Count == 0) return DefaultStars;
        var stars = new SortedSet<int>();
        var bad = false;
        foreach (var v in given)
            if (int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s is >= 1 and <= 5) stars.Add(s);
            else bad = true;
        if (bad)
            messages.Add(stars.Count > 0
                ? "Star ratings go from 1 to 5; the other values were ignored."
                : "Star ratings go from 1 to 5; showing critical reviews (1 to 3 stars).");
        return stars.Count > 0 ? stars.ToList() : DefaultStars;
    }

    private static long? ParseBrand(string? value, IReadOnlyList<BrandRoleGrant> represented, List<string> messages)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            messages.Add("That brand is not valid; showing all the brands you represent.");
            return null;
        }
        if (represented.Any(b => b.BrandId == id)) return id;
        // Says nothing about whether the brand exists: its reviews are not this user's business.
        messages.Add("You do not represent that brand, so its reviews cannot be shown; showing all the brands you represent. " +
                     "To represent another brand, ask its Brand Registry administrator to submit a case for you.");
        return null;
    }

    private static (ReviewPeriod, DateOnly?, DateOnly?) ParsePeriod(string? period, string? fromText, string? toText, List<string> messages)
    {
        var hasFrom = !string.IsNullOrWhiteSpace(fromText);
        var hasTo = !string.IsNullOrWhiteSpace(toText);
        if (hasFrom || hasTo)
        {
            // Dates, when given, take precedence over the preset period.
            DateOnly? from = null, to = null;
            var ok = true;
            if (hasFrom)
            {
                if (Date(fromText, "start", messages) is { } f) from = f;
                else ok = false;
            }
            if (hasTo)
            {
                if (Date(toText, "end", messages) is { } t) to = t;
                else ok = false;
            }
            if (ok && from > to) { messages.Add("The end date is before the start date."); ok = false; }
            if (ok) return (ReviewPeriod.Custom, from, to);
            messages.Add("Showing the last 12 months instead.");
            return (DefaultPeriod, null, null);
        }
        if (string.IsNullOrWhiteSpace(period)) return (DefaultPeriod, null, null);
        if (Periods.TryGetValue(period.Trim(), out var p) && p != ReviewPeriod.Custom) return (p, null, null);
        if (Periods.TryGetValue(period.Trim(), out _))
            messages.Add("Custom dates need a start date, an end date or both; showing the last 12 months.");
        else
            messages.Add("The time period must be the last 30 days, 90 days, 12 months or all time; showing the last 12 months.");
        return (DefaultPeriod, null, null);
    }

    private static DateOnly? Date(string? text, string which, List<string> messages)
    {
        switch (FilterDate.TryParse(text, out var day))
        {
            case FilterDateProblem.None: return day;
            case FilterDateProblem.OutOfRange: messages.Add($"The {which} date must be between {FilterDate.Range}."); return null;
            default: messages.Add($"The {which} date must be a date like 2026-01-31."); return null;
        }
    }

    private static ContactFilter ParseContact(string? value, List<string> messages)
    {
        if (string.IsNullOrWhiteSpace(value)) return ContactFilter.Any;
        switch (value.Trim().ToLowerInvariant())
        {
            case "any": return ContactFilter.Any;
            case "none": return ContactFilter.None;
            case "sent": return ContactFilter.Sent;
            case "replied": return ContactFilter.Replied;
            default:
                messages.Add("The contact state must be not contacted, contacted or customer replied; showing all reviews.");
                return ContactFilter.Any;
        }
    }

    private static DoneFilter ParseDone(string? value, List<string> messages)
    {
        if (string.IsNullOrWhiteSpace(value)) return DoneFilter.Hide;
        switch (value.Trim().ToLowerInvariant())
        {
            case "hide": return DoneFilter.Hide;
            case "include": return DoneFilter.Include;
            case "only": return DoneFilter.Only;
            default:
                messages.Add("Done reviews can be hidden, included or shown alone; done reviews are hidden.");
                return DoneFilter.Hide;
        }
    }

    private static (AssigneeFilter, long?) ParseAssignee(string? value, List<string> messages)
    {
        if (string.IsNullOrWhiteSpace(value)) return (AssigneeFilter.Any, null);
        var v = value.Trim().ToLowerInvariant();
        if (v == "any") return (AssigneeFilter.Any, null);
        if (v == "me") return (AssigneeFilter.Me, null);
        if (v == "none") return (AssigneeFilter.None, null);
        // A user id is only a filter value: reviews are assigned per seller account, so another account's user matches nothing.
        if (long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) return (AssigneeFilter.User, id);
        messages.Add("The assignee must be you, nobody or a user of your account; showing reviews whoever they are assigned to.");
        return (AssigneeFilter.Any, null);
    }

    /// <summary>A topic of the topics panel, <c>language:stemmed phrase</c> (<see cref="Topics.TopicKey"/>); anything else is ignored with a message.</summary>
    private static string? ParseTopic(string? value, List<string> messages)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (Topics.TopicKey.TryParse(value, out var language, out var term)) return Topics.TopicKey.Format(language, term);
        messages.Add("That topic is not valid; showing reviews on every topic.");
        return null;
    }

    private static string? ParseSearch(string? value, List<string> messages)
    {
        if (value is null) return null;
        // Control characters (NUL above all) are never part of a search and PostgreSQL refuses NUL in text.
        var clean = new string(value.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (clean.Length == 0) return null;
        if (clean.Length > MaxSearchLength)
        {
            messages.Add($"The search text is limited to {MaxSearchLength} characters; the search was not applied.");
            return null;
        }
        return clean;
    }

    private static ReviewSort ParseSort(string? value, List<string> messages)
    {
        if (string.IsNullOrWhiteSpace(value)) return ReviewSort.Newest;
        switch (value.Trim().ToLowerInvariant())
        {
            case "newest": return ReviewSort.Newest;
            case "oldest": return ReviewSort.Oldest;
            case "lowest": return ReviewSort.Lowest;
            default:
                messages.Add("Reviews can be sorted newest first, oldest first or lowest rating first; showing newest first.");
                return ReviewSort.Newest;
        }
    }

    private static ReviewCursor? ParseCursor(string? value, ReviewSort sort, List<string> messages)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (ReviewCursor.TryDecode(value, out var cursor) is false)
        {
            messages.Add("The page link is not valid (it may have been cut short); showing the first page.");
            return null;
        }
        if (cursor!.Sort != sort)
        {
            messages.Add("The page link belongs to another sort order; showing the first page.");
            return null;
        }
        return cursor;
    }

    public bool IsDefaultStars => Stars.SequenceEqual(DefaultStars);

    /// <summary>The user whose assignments the filter asks for (me resolved to <paramref name="viewerId"/>); null for any or none.</summary>
    public long? AssigneeFor(long viewerId) => Assignee switch
    {
        AssigneeFilter.Me => viewerId,
        AssigneeFilter.User => AssigneeUserId,
        _ => null,
    };

    /// <summary>The half-open time window [Since, Until) the filter covers at <paramref name="now"/>.</summary>
    public (DateTimeOffset? Since, DateTimeOffset? Until) Window(DateTimeOffset now) => Period switch
    {
        ReviewPeriod.Last30Days => (now.AddDays(-30), null),
        ReviewPeriod.Last90Days => (now.AddDays(-90), null),
        ReviewPeriod.Last12Months => (now.AddMonths(-12), null),
        ReviewPeriod.Custom => (From is { } f ? FilterDate.StartOf(f) : null, To is { } t ? FilterDate.EndOf(t) : null),
        _ => (null, null),
    };

    public static string PeriodCode(ReviewPeriod period) => Periods.First(p => p.Value == period).Key;

    /// <summary>The filter as query-string pairs (defaults left out), for bookmarkable links; optionally on another page.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToQuery(ReviewCursor? after = null)
    {
        var q = new List<KeyValuePair<string, string>>();
        foreach (var s in Stars) q.Add(new("stars", s.ToString(CultureInfo.InvariantCulture)));
        if (BrandId is { } b) q.Add(new("brand", b.ToString(CultureInfo.InvariantCulture)));
        if (Period == ReviewPeriod.Custom)
        {
            if (From is { } f) q.Add(new("from", f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            if (To is { } t) q.Add(new("to", t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        else if (Period != DefaultPeriod) q.Add(new("period", PeriodCode(Period)));
        if (Contact != ContactFilter.Any) q.Add(new("contact", Contact.ToString().ToLowerInvariant()));
        if (Search is { } s2) q.Add(new("q", s2));
        if (Sort != ReviewSort.Newest) q.Add(new("sort", Sort.ToString().ToLowerInvariant()));
        if (Done != DoneFilter.Hide) q.Add(new("done", Done.ToString().ToLowerInvariant()));
        if (Assignee == AssigneeFilter.User && AssigneeUserId is { } a) q.Add(new("assignee", a.ToString(CultureInfo.InvariantCulture)));
        else if (Assignee != AssigneeFilter.Any) q.Add(new("assignee", Assignee.ToString().ToLowerInvariant()));
        if (Topic is { } topic) q.Add(new("topic", topic));
        if (after is not null) q.Add(new("after", after.Encode()));
        return q;
    }

    public string ToQueryString(ReviewCursor? after = null)
        => "?" + string.Join("&", ToQuery(after).Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
}
