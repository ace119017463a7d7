using Disputes.Api.Cardmembers;
using Disputes.Api.Complaints.Cardmembers.Wording;
using Disputes.Domain.Complaints;
using NodaTime;

namespace Disputes.Api.Complaints.Cardmembers;

/// <summary>
/// A complaint as its cardmember sees it: its reference, where it stands and what happens next in plain words, the
/// answer sent, and the steps that concern the cardmember. Breaches, who did what and the dispute's internals are never
/// part of it.
/// </summary>
/// <param name="Reference">The reference to quote, e.g. <c>CMP-2025-000123</c>.</param>
/// <param name="Category">What it is about, for programs (<c>fees_and_interest</c>, ...).</param>
/// <param name="CategoryText">What it is about, in plain words.</param>
/// <param name="CaseNumber">The case number of the dispute it is about, when there is one.</param>
/// <param name="ReceivedOn">The date it was received.</param>
/// <param name="Status">Where it stands, for programs (<c>received</c>, <c>in_review</c>, <c>responded</c>, <c>closed</c>, <c>reopened</c>).</param>
/// <param name="StatusText">Where it stands, in plain words.</param>
/// <param name="Next">What happens next, and by when when there is a date to promise.</param>
/// <param name="Response">The answer on record, as it was sent; absent until there is one.</param>
/// <param name="RespondedOn">The date that answer was sent.</param>
/// <param name="Steps">The steps taken, oldest first.</param>
public sealed record CardmemberComplaint(
    string Reference,
    ComplaintCategory Category,
    string CategoryText,
    string? CaseNumber,
    LocalDate ReceivedOn,
    ComplaintStatus Status,
    string StatusText,
    CardmemberNextStep Next,
    string? Response,
    LocalDate? RespondedOn,
    IReadOnlyList<CardmemberStep> Steps)
{
    /// <summary>The view of <paramref name="complaint"/> at <paramref name="now"/>.</summary>
    public static CardmemberComplaint From(Complaint complaint, Instant now, IComplaintWording words)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        var zone = complaint.TimeZone;
        return new(
            complaint.Reference, complaint.Category, words.Category(complaint.Category), complaint.CaseNumber, complaint.ReceivedOn, complaint.Status,
            words.Status(complaint.Status), NextStep(complaint, now, words), complaint.Response?.Text,
            complaint.Response?.RespondedAt.InZone(zone).Date,
            [.. complaint.Steps.Select(s => StepFor(s, zone, words)).OfType<CardmemberStep>()]);
    }

    private static CardmemberNextStep NextStep(Complaint complaint, Instant now, IComplaintWording words)
    {
        if (complaint.Status == ComplaintStatus.Closed)
        {
            return new(words.ClosedWhatIfYouDisagree(), null);
        }

        // Promise only a date still ahead; the cardmember is never told about a missed one.
        if (complaint.NextDeadline is { } next && next.BreachInstant(complaint.TimeZone) > now)
        {
            return next.Clock == ComplaintClock.Response
                ? new(words.WillRespondBy(next.DueOn), next.DueOn)
                : new(words.WillGiveFinalAnswerBy(next.DueOn), next.DueOn);
        }

        return new(words.WillWriteToYou(), null);
    }

    private static CardmemberStep? StepFor(ComplaintStep step, DateTimeZone zone, IComplaintWording words)
    {
        var text = step.Type switch
        {
            "complaint_received" => words.Received(),
            "complaint_review_started" => words.ReviewStarted(),
            "complaint_responded" => words.Responded(),
            "complaint_closed" => words.Closed(),
            "complaint_reopened" => words.Reopened(),

            // Internal: missed deadlines.
            _ => null,
        };
        return text is null ? null : new CardmemberStep(step.At.InZone(zone).Date, text);
    }
}

/// <summary>The cardmember's complaints, newest first.</summary>
/// <param name="Complaints">Each complaint on the token's accounts.</param>
public sealed record CardmemberComplaintList(IReadOnlyList<CardmemberComplaint> Complaints);
