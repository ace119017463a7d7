using System.Globalization;
using Disputes.Domain.Complaints;
using NodaTime;
using NodaTime.Text;

namespace Disputes.Api.Complaints.Cardmembers.Wording;

/// <summary>The cardmember's complaints in English (the default).</summary>
public sealed class EnglishComplaintWording : IComplaintWording
{
    /// <summary>The one instance; it holds no state.</summary>
    public static readonly EnglishComplaintWording Instance = new();

    private static readonly LocalDatePattern Dates = LocalDatePattern.Create("MMMM d, uuuu", CultureInfo.GetCultureInfo("en-US"));

    private EnglishComplaintWording()
    {
    }

    /// <inheritdoc />
    public string Category(ComplaintCategory category) => category switch
    {
        ComplaintCategory.BillingDispute => "A billing dispute",
        ComplaintCategory.FeesAndInterest => "Fees or interest",
        ComplaintCategory.Payments => "Payments",
        ComplaintCategory.CreditReporting => "Credit reporting",
        ComplaintCategory.Collections => "Collections",
        ComplaintCategory.AccountManagement => "Managing your account",
        ComplaintCategory.Rewards => "Rewards",
        ComplaintCategory.Fraud => "Fraud or identity theft",
        ComplaintCategory.CustomerService => "Customer service",
        ComplaintCategory.Privacy => "Privacy",
        _ => "Something else",
    };

    /// <inheritdoc />
    public string Status(ComplaintStatus status) => status switch
    {
        ComplaintStatus.Received => "We received your complaint.",
        ComplaintStatus.InReview => "We are reviewing your complaint.",
        ComplaintStatus.Responded => "We answered your complaint.",
        ComplaintStatus.Closed => "Your complaint is closed.",
        ComplaintStatus.Reopened => "We reopened your complaint and are reviewing it again.",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <inheritdoc />
    public string WillRespondBy(LocalDate by) => $"We will answer you by {Dates.Format(by)}.";

    /// <inheritdoc />
    public string WillGiveFinalAnswerBy(LocalDate by) => $"We will send you our final answer by {Dates.Format(by)}.";

    /// <inheritdoc />
    public string WillWriteToYou() => "We are working on your complaint and will write to you.";

    /// <inheritdoc />
    public string ClosedWhatIfYouDisagree() => "If you disagree with our answer, tell us in your chat, quoting your reference.";

    /// <inheritdoc />
    public string Received() => "We received your complaint.";

    /// <inheritdoc />
    public string ReviewStarted() => "We started reviewing your complaint.";

    /// <inheritdoc />
    public string Responded() => "We sent you our answer.";

    /// <inheritdoc />
    public string Closed() => "We closed your complaint with our final answer.";

    /// <inheritdoc />
    public string Reopened() => "We reopened your complaint.";
}
