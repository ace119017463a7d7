using Disputes.Domain.Clocks;
using Disputes.Domain.Disputes;
using JasperFx.Events;
using Marten.Events.Projections;

namespace Disputes.Projections.Compliance;

/// <summary>
/// Fans every event of a dispute's stream out to the rows of its two clocks and folds each row with the
/// domain's own clock logic (inline, in the events' transaction).
/// </summary>
public sealed class ClockRowProjection : MultiStreamProjection<ClockRow, string>
{
    private static readonly ComplianceClock[] AllClocks = Enum.GetValues<ComplianceClock>();

    public ClockRowProjection()
    {
        CustomGrouping((_, events, grouping) =>
        {
            foreach (var e in events.Where(e => e.Data is not (Domain.Accounts.AccountRegistered or Domain.Accounts.AccountUpdated or Domain.Accounts.PastClosingCorrected)))
            {
                foreach (var clock in AllClocks)
                {
                    grouping.AddEvent(ClockRow.IdFor(e.StreamId, clock), e);
                }
            }

            return Task.CompletedTask;
        });
    }

    public override ClockRow? Evolve(ClockRow? snapshot, string id, IEvent e) => (snapshot, e.Data) switch
    {
        (null, DisputeOpened opened) => ClockRow.Start(opened, id.EndsWith("/acknowledgment", StringComparison.Ordinal)
            ? ComplianceClock.Acknowledgment
            : ComplianceClock.Resolution),
        (null, _) => null,
        _ => snapshot.Evolve(e.Data),
    };
}
