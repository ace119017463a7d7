using Disputes.Api.Complaints.Timing;
using Disputes.Api.Disputes.Opening;
using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Api.Screening;
using Disputes.Domain.Accounts;
using Disputes.Domain.Complaints;
using Disputes.Domain.Complaints.Logging;
using Disputes.Domain.Disputes;
using Disputes.Domain.Streams;
using Marten;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using Wolverine;
using Wolverine.Http;

namespace Disputes.Api.Complaints.Logging;

/// <summary>
/// <c>POST /api/complaints</c>: a chat agent logs a formal complaint the cardmember made. The field names are a published
/// contract.
/// </summary>
/// <param name="AccountId">The card account, registered beforehand.</param>
/// <param name="DisputeId">The dispute the complaint is about, optional; it must be on <paramref name="AccountId"/>.</param>
/// <param name="Category">What it is about, snake_case: <c>billing_dispute</c>, <c>fees_and_interest</c>, <c>payments</c>, <c>credit_reporting</c>, <c>collections</c>, <c>account_management</c>, <c>rewards</c>, <c>fraud</c>, <c>customer_service</c>, <c>privacy</c> or <c>other</c>.</param>
/// <param name="Description">The cardmember's words; must hold no card number, security code, SSN or passcode.</param>
/// <param name="Channel">How it reached the issuer: <c>chat</c> (default), <c>phone</c>, <c>email</c>, <c>mail</c> or <c>regulator</c>.</param>
/// <param name="ReceivedAt">When it was received (ISO instant); now when absent, never in the future.</param>
public sealed record LogComplaintRequest(
    string? AccountId,
    Guid? DisputeId,
    string? Category,
    [FreeText] string? Description,
    string? Channel = null,
    Instant? ReceivedAt = null)
{
    /// <summary>The request's fields, checked one by one; the command when every field is usable.</summary>
    public (LogComplaint? Command, FieldErrors Errors) Validate(Instant now)
    {
        var errors = new FieldErrors();
        var accountId = errors.Text("accountId", AccountId, 64);
        if (DisputeId == Guid.Empty)
        {
            errors.Add("disputeId", "must be a dispute's id, or left out.");
        }

        var category = errors.Choice<ComplaintCategory>("category", Category);
        var description = errors.Text("description", Description, 4000);
        var channel = errors.Choice<ComplaintChannel>("channel", Channel, required: false) ?? ComplaintChannel.Chat;
        var receivedAt = ReceivedAt ?? now;
        if (receivedAt > now)
        {
            errors.Add("receivedAt", "must not be in the future.");
        }

        if (receivedAt < OpenDisputeRequest.EarliestDate.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant())
        {
            errors.Add("receivedAt", $"must be on or after {OpenDisputeRequest.EarliestDate:yyyy-MM-dd}.");
        }

        return errors.IsEmpty
            ? (new LogComplaint(accountId!, DisputeId, category!.Value, description!, channel, receivedAt), errors)
            : (null, errors);
    }
}

/// <summary>Logs complaints: each one a stream of its own with a reference, and its two deadlines' breach timers.</summary>
public static class LogComplaintEndpoint
{
    /// <summary>
    /// 201 with the complaint; 400 naming each bad field, an account that is not registered and a dispute not on that
    /// account among them; 422 when the cardmember's words hold sensitive data. Nothing is stored by a refusal.
    /// </summary>
    [Authorize(Policy = Policies.WorkDisputes)]
    [WolverinePost("/api/complaints")]
    public static async Task<IResult> Post(
        LogComplaintRequest? request, HttpContext http, IDocumentSession session, IMessageBus bus, IClock clock, ComplaintReferences references,
        ComplaintTimers timers)
    {
        if (request is null)
        {
            return Problem.Validation("body", "is required: send the complaint as a JSON object.");
        }

        var now = clock.GetCurrentInstant();
        var (command, errors) = request.Validate(now);
        if (command is null)
        {
            return errors.ToResult();
        }

        var reads = session.CreateBatchQuery();
        var accountRead = reads.Load<Account>(StreamIds.ForAccount(command.AccountId));
        var disputeRead = command.DisputeId is { } disputeId ? reads.Load<Dispute>(disputeId) : null;
        await reads.Execute(http.RequestAborted);
        if (await accountRead is not { } account)
        {
            return Problem.Validation("accountId",
                $"is not a registered account: register '{command.AccountId}' with PUT /api/accounts/{{accountId}} before logging complaints on it.");
        }

        // The dispute is checked against the account before a reference is drawn, so a refusal uses up no reference.
        var dispute = disputeRead is null ? null : await disputeRead;
        var receivedOn = command.ReceivedOn(account, dispute);
        var received = command.Decide(account, dispute, Guid.CreateVersion7(), await references.NextAsync(receivedOn, http.RequestAborted), now);
        var complaint = Complaint.Start(received);
        session.Events.StartStream<Complaint>(received.ComplaintId, received);
        await timers.ScheduleAsync(bus, complaint);
        return new ComplaintAnswer(complaint, Created: true);
    }
}
