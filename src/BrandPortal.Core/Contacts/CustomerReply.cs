namespace BrandPortal.Core.Contacts;

/// <summary>
/// What "the customer replied" means in BrandPortal, wherever it is shown or counted: the Customer Reviews filter
/// (<c>contact=replied</c>) and card badge, the contact timeline, the dashboard's reply rate and the CSV export's
/// <c>contact_state</c>. A contact has a reply when the customer wrote a message in its conversation, or decided on
/// it: replied to a Customer Support request (which grants contact), declined it, or accepted the Courtesy Refund.
/// Opening or reading the email is not a reply.
/// </summary>
/// <remarks>
/// Every reader of this fact is SQL (raw statements and aggregates over many contacts), so the meaning lives here as
/// one SQL condition; a LINQ query that needs it selects through <see cref="ContactTimeline"/>.
/// </remarks>
public static class CustomerReply
{
    /// <summary>SQL condition, true when the contact row aliased <paramref name="contact"/> has a reply.</summary>
    public static string Sql(string contact) =>
        $"({contact}.support_answer <> 'None'" +
        $" OR EXISTS (SELECT 1 FROM refunds rr WHERE rr.contact_id = {contact}.id AND rr.state = 'Accepted')" +
        $" OR EXISTS (SELECT 1 FROM threads rt JOIN thread_messages rm ON rm.thread_id = rt.id WHERE rt.contact_id = {contact}.id AND rm.sender = 'Customer'))";
}
