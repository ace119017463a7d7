using Disputes.Domain.Complaints;
using NodaTime;

namespace Disputes.Api.Complaints.Cardmembers.Wording;

/// <summary>
/// Every sentence a cardmember reads about a complaint, in one language, as <see cref="Api.Cardmembers.Wording.ICardmemberWording"/>
/// is for a dispute: one implementation per language, so a new status cannot be worded in one and forgotten in the other.
/// </summary>
public interface IComplaintWording
{
    /// <summary>What a complaint of <paramref name="category"/> is about, e.g. "Fees or interest".</summary>
    string Category(ComplaintCategory category);

    /// <summary>Where the complaint stands, in plain words.</summary>
    string Status(ComplaintStatus status);

    /// <summary>Next: the answer, due by <paramref name="by"/>.</summary>
    string WillRespondBy(LocalDate by);

    /// <summary>Next: the final answer (closing), due by <paramref name="by"/>.</summary>
    string WillGiveFinalAnswerBy(LocalDate by);

    /// <summary>Next: an answer, with no date left to promise.</summary>
    string WillWriteToYou();

    /// <summary>Next: nothing; it is closed, and what to do if the cardmember disagrees.</summary>
    string ClosedWhatIfYouDisagree();

    /// <summary>Step: the complaint was received.</summary>
    string Received();

    /// <summary>Step: someone started reviewing it.</summary>
    string ReviewStarted();

    /// <summary>Step: the issuer answered.</summary>
    string Responded();

    /// <summary>Step: it was closed with the answer as the final one.</summary>
    string Closed();

    /// <summary>Step: it was reopened.</summary>
    string Reopened();
}

/// <summary>The complaint wording for the language <see cref="Api.Cardmembers.Wording.CardmemberLanguage"/> chose.</summary>
public static class ComplaintWordings
{
    /// <summary>Spanish for a Spanish cardmember page, English otherwise.</summary>
    public static IComplaintWording For(Api.Cardmembers.Wording.ICardmemberWording words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return words.Language == "es" ? SpanishComplaintWording.Instance : EnglishComplaintWording.Instance;
    }
}
