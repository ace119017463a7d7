using Disputes.Domain.Complaints;
using JasperFx.Events.Projections;

namespace Disputes.Projections.Complaints;

/// <summary>The event types of a complaint's stream, which the complaint projections read and nothing else.</summary>
public static class ComplaintEvents
{
    /// <summary>Every event a complaint's stream can hold.</summary>
    public static IReadOnlyList<Type> Types { get; } =
    [
        typeof(ComplaintReceived), typeof(ComplaintReviewStarted), typeof(ComplaintResponded), typeof(ComplaintClosed),
        typeof(ComplaintReopened), typeof(ComplaintDeadlineBreached),
    ];

    /// <summary>Limits <paramref name="projection"/> to <see cref="Types"/>.</summary>
    public static void IncludeIn(IEventFilterable projection)
    {
        foreach (var type in Types)
        {
            projection.IncludeType(type);
        }
    }
}
