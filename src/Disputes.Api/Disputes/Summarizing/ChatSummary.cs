using System.Text;
using Disputes.Api.Cardmembers;
using Disputes.Api.Cardmembers.Wording;
using Disputes.Domain.Disputes;
using NodaTime;

namespace Disputes.Api.Disputes.Summarizing;

/// <summary>
/// What the agent pastes into the chat before it ends: the case number, what was done in this conversation and before
/// it, the next step with its date, and how to follow up, in the cardmember's words and language. Built from the
/// cardmember's own view of the dispute, so internal work (notes, merchant contacts, escalations, breaches, proposals
/// waiting for approval) and staff names never appear.
/// </summary>
/// <param name="CaseNumber">The case number to quote.</param>
/// <param name="Language">The language of the text, <c>en</c> or <c>es</c>.</param>
/// <param name="Since">Where "this conversation" begins: the instant given, else the start of today in the account's time zone.</param>
/// <param name="ThisConversation">The steps taken since <paramref name="Since"/>, oldest first.</param>
/// <param name="Before">The steps taken before it, oldest first.</param>
/// <param name="Next">What happens next, and by when when there is a date to promise.</param>
/// <param name="WhilePending">While the hold stands: that the disputed amount need not be paid now; null otherwise.</param>
/// <param name="FollowUp">How the cardmember can follow up.</param>
/// <param name="Text">All of it as one plain text, ready to paste.</param>
public sealed record ChatSummary(
    string CaseNumber,
    string Language,
    Instant Since,
    IReadOnlyList<string> ThisConversation,
    IReadOnlyList<string> Before,
    CardmemberNextStep Next,
    string? WhilePending,
    string FollowUp,
    string Text)
{
    /// <summary>The summary of <paramref name="dispute"/>, whose stream held <paramref name="events"/>, at <paramref name="now"/>.</summary>
    public static ChatSummary Of(Dispute dispute, IReadOnlyList<object> events, Instant now, Instant? since, ICardmemberWording words)
    {
        var start = since ?? now.InZone(dispute.TimeZone).Date.AtStartOfDayInZone(dispute.TimeZone).ToInstant();
        var view = CardmemberDispute.From(dispute, events, now, words);
        var steps = events
            .Select(e => (At: DisputeEventTime.Of(e), Step: CardmemberDispute.StepFor(e, dispute, words)))
            .Where(s => s.Step is not null)
            .ToList();
        var thisConversation = steps.Where(s => s.At >= start).Select(s => s.Step!.Text).ToList();
        var before = steps.Where(s => s.At < start).Select(s => s.Step!.Text).ToList();
        var phrases = SummaryPhrases.For(words);
        var followUp = phrases.FollowUp(dispute.CaseNumber);

        var text = new StringBuilder()
            .AppendLine(phrases.Heading(dispute.CaseNumber, dispute.Merchant, words.Money(dispute.Amount, dispute.Currency)))
            .AppendLine(view.StatusText)
            .AppendLine()
            .AppendLine(phrases.ThisConversation);
        Bullets(text, thisConversation.Count > 0 ? thisConversation : [phrases.NothingNew]);
        if (before.Count > 0)
        {
            text.AppendLine().AppendLine(phrases.Before);
            Bullets(text, before);
        }

        text.AppendLine().Append(phrases.Next).Append(' ').AppendLine(view.Next.Text);
        if (view.WhilePending is { } pending)
        {
            text.AppendLine(pending);
        }

        text.AppendLine().Append(followUp);
        return new ChatSummary(dispute.CaseNumber, words.Language, start, thisConversation, before, view.Next, view.WhilePending, followUp,
            text.ToString());
    }

    private static void Bullets(StringBuilder text, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            text.Append("- ").AppendLine(line);
        }
    }
}

/// <summary>The fixed phrases of a chat summary in one language; the steps and next step come from the cardmember's wording.</summary>
internal sealed record SummaryPhrases(
    Func<string, string, string, string> Heading,
    string ThisConversation,
    string NothingNew,
    string Before,
    string Next,
    Func<string, string> FollowUp)
{
    private static readonly SummaryPhrases English = new(
        (number, merchant, amount) => $"Summary of your dispute {number} ({merchant}, {amount}).",
        "In this conversation:",
        "Nothing new was recorded on your dispute.",
        "Before this conversation:",
        "Next:",
        number => $"To follow up, open My disputes in online banking, where you will also find our letters, or quote case number {number} when you contact us.");

    private static readonly SummaryPhrases Spanish = new(
        (number, merchant, amount) => $"Resumen de su disputa {number} ({merchant}, {amount}).",
        "En esta conversación:",
        "No se registró nada nuevo en su disputa.",
        "Antes de esta conversación:",
        "Próximo paso:",
        number => $"Para dar seguimiento, abra Mis disputas en la banca en línea, donde también encontrará nuestras cartas, o indique el número de caso {number} cuando se comunique con nosotros.");

    /// <summary>The phrases in the language of <paramref name="words"/>.</summary>
    public static SummaryPhrases For(ICardmemberWording words) => words.Language == "es" ? Spanish : English;
}
