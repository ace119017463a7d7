using Disputes.Domain.Clocks;
using Disputes.Domain.Disputes;

namespace Disputes.Domain.Notices;

/// <summary>
/// The written notices the issuer sends about a dispute (rule book section 8). Each kind has one template per
/// <see cref="NoticeLanguage"/>, and each issued notice records its kind.
/// </summary>
public enum NoticeKind
{
    /// <summary>The written acknowledgment of 1026.13(c)(1): the notice was received and is being investigated.</summary>
    Acknowledgment,

    /// <summary>A request for documents during the investigation: what, from whom, by when and how to send it.</summary>
    DocumentsRequest,

    /// <summary>
    /// The correction of 1026.13(e): the error was corrected and credited; for a partial outcome (1026.13(f)(3)) it
    /// also explains the rest, with the amount still owed.
    /// </summary>
    Correction,

    /// <summary>The explanation of 1026.13(f): no error (or a different one) was found, why, and what is still owed.</summary>
    Explanation,

    /// <summary>The notice of reporting of 1026.13(g)(4): who an amount still in dispute was reported to, and later its resolution.</summary>
    Reporting,
}

/// <summary>The names of the notice kinds as files and the API spell them, and the kind a resolution issues.</summary>
public static class NoticeKinds
{
    private static readonly Dictionary<NoticeKind, string> Names = new()
    {
        [NoticeKind.Acknowledgment] = "acknowledgment",
        [NoticeKind.DocumentsRequest] = "documents_request",
        [NoticeKind.Correction] = "correction",
        [NoticeKind.Explanation] = "explanation",
        [NoticeKind.Reporting] = "reporting",
    };

    /// <summary>Every kind, in declaration order.</summary>
    public static IReadOnlyList<NoticeKind> All { get; } = Enum.GetValues<NoticeKind>();

    /// <summary>
    /// The kind's snake_case name, as the API's enum values and the template files spell it:
    /// <c>acknowledgment</c>, <c>documents_request</c>, <c>correction</c>, <c>explanation</c>, <c>reporting</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a declared kind.</exception>
    public static string Name(NoticeKind kind) =>
        Names.TryGetValue(kind, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a notice kind.");

    /// <summary>The kind as an agent or an examiner reads it in a dispute's steps, e.g. <c>Acknowledgment</c>.</summary>
    public static string Title(NoticeKind kind) => kind switch
    {
        NoticeKind.Acknowledgment => "Acknowledgment",
        NoticeKind.DocumentsRequest => "Request for documents",
        NoticeKind.Correction => "Correction notice",
        NoticeKind.Explanation => "Explanation",
        NoticeKind.Reporting => "Notice of reporting",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a notice kind."),
    };

    /// <summary>True for the notices that tell the cardmember how the dispute was resolved: the correction and the explanation.</summary>
    public static bool IsResolution(NoticeKind kind) => kind is NoticeKind.Correction or NoticeKind.Explanation;

    /// <summary>
    /// The clocks the sending of a notice of <paramref name="kind"/> meets while they are pending (rule book section 8): the
    /// acknowledgment meets the acknowledgment clock; the correction or explanation meets the resolution clock and the
    /// acknowledgment clock as well (section 2: a resolution sent within the 30 days needs no acknowledgment); a
    /// request for documents and the notice of reporting meet none.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a declared kind.</exception>
    public static IReadOnlyList<ComplianceClock> ClocksMet(NoticeKind kind) => kind switch
    {
        NoticeKind.Acknowledgment => [ComplianceClock.Acknowledgment],
        NoticeKind.Correction or NoticeKind.Explanation => [ComplianceClock.Acknowledgment, ComplianceClock.Resolution],
        NoticeKind.DocumentsRequest or NoticeKind.Reporting => [],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a notice kind."),
    };

    /// <summary>
    /// The notice that tells the cardmember how the dispute was resolved: a <see cref="NoticeKind.Correction"/> for
    /// <see cref="ResolutionOutcome.Corrected"/> and for <see cref="ResolutionOutcome.Partial"/> (one letter credits what
    /// was wrong and explains the rest), an <see cref="NoticeKind.Explanation"/> for <see cref="ResolutionOutcome.NoError"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outcome"/> is not a declared outcome.</exception>
    public static NoticeKind ForResolution(ResolutionOutcome outcome) => outcome switch
    {
        ResolutionOutcome.Corrected or ResolutionOutcome.Partial => NoticeKind.Correction,
        ResolutionOutcome.NoError => NoticeKind.Explanation,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a resolution outcome."),
    };
}
