using Disputes.Domain.Disputes;
using NodaTime;

namespace Disputes.Api.Cardmembers.Wording;

/// <summary>
/// Every sentence a cardmember reads about a dispute, in one language. Each language is one implementation,
/// so a new status or step cannot be worded in one language and forgotten in another: the compiler asks.
/// Sentences take typed values and format dates and money for the language's culture themselves.
/// </summary>
public interface ICardmemberWording
{
    /// <summary>The language tag answered in <c>Content-Language</c>, e.g. <c>en</c>.</summary>
    string Language { get; }

    /// <summary>A date as the language writes it, e.g. "April 2, 2025".</summary>
    string Date(LocalDate date);

    /// <summary>An amount with its currency, e.g. "$127.43".</summary>
    string Money(decimal amount, string currency);

    /// <summary>Where the dispute stands, in plain words.</summary>
    string Status(DisputeStatus status);

    /// <summary>Next: the written acknowledgment, due by <paramref name="by"/>.</summary>
    string WillAcknowledgeBy(LocalDate by);

    /// <summary>Next: the outcome, due by <paramref name="by"/>.</summary>
    string WillResolveBy(LocalDate by);

    /// <summary>Next: the outcome, with no date to promise (late notice, reopened, or past the date).</summary>
    string WillWriteWithOutcome();

    /// <summary>Next: the cardmember owes <paramref name="amount"/> after a no-error resolution, due on <paramref name="by"/>.</summary>
    string PayBy(decimal amount, string currency, LocalDate by);

    /// <summary>Next: nothing; the dispute is closed.</summary>
    string NothingMoreNeeded();

    /// <summary>Step: the dispute was received.</summary>
    string Received(string merchant, decimal amount, string currency);

    /// <summary>Step: the written acknowledgment was sent.</summary>
    string Acknowledged();

    /// <summary>Step: a temporary credit was posted while the dispute is investigated.</summary>
    string ProvisionalCredit(decimal amount, string currency);

    /// <summary>Step: documents were asked of the cardmember.</summary>
    string DocumentsRequested(string documents);

    /// <summary>Step: the documents the cardmember sent arrived.</summary>
    string DocumentsReceived();

    /// <summary>Step: resolved, the error corrected and <paramref name="credited"/> credited (when known).</summary>
    string Corrected(decimal? credited, string currency);

    /// <summary>Step: resolved, no error found, with the explanation sent and what is still owed, if anything.</summary>
    string NoErrorFound(string? explanation, decimal? owed, string currency, LocalDate? dueOn);

    /// <summary>Step: resolved in part: <paramref name="credited"/> credited, the rest explained, with what is still owed.</summary>
    string PartlyCorrected(decimal? credited, string? explanation, decimal? owed, string currency, LocalDate? dueOn);

    /// <summary>Step: the cardmember withdrew the dispute.</summary>
    string Withdrawn();

    /// <summary>Step: the dispute was reopened at the cardmember's request.</summary>
    string Reopened();

    /// <summary>The refusal of a step by <paramref name="rule"/>, in the cardmember's words (a withdrawal of a dispute resolved or withdrawn already).</summary>
    string Refusal(DisputeRule rule);

    /// <summary>While the hold stands: the cardmember need not pay <paramref name="amount"/> now, nor be chased or reported late for it.</summary>
    string NeedNotPayNow(decimal amount, string currency);

    /// <summary>While the charge is on no statement yet: the dispute was accepted and is handled all the same.</summary>
    string NotYetBilled();

    /// <summary>After a missed deadline: <paramref name="amount"/> of the amount in dispute will not be collected, and is not in what is owed.</summary>
    string NotCollected(decimal amount, string currency);

    /// <summary>What a letter of <paramref name="kind"/> is, as its title in the letters list.</summary>
    string LetterTitle(Domain.Notices.NoticeKind kind);
}
