using Disputes.Api.Identity;
using Disputes.Api.Problems;
using Disputes.Domain.Disputes;
using Marten;

namespace Disputes.Api.Cardmembers;

/// <summary>Finds disputes only among the accounts the cardmember's token names.</summary>
internal static class MyDisputes
{
    /// <summary>
    /// The caller's dispute with <paramref name="caseNumber"/>, or null when there is none <em>on the caller's
    /// accounts</em>. The account filter is part of the query, so another account's dispute is never even
    /// loaded, and "unknown" and "someone else's" cannot be told apart.
    /// </summary>
    public static Task<Dispute?> FindAsync(IQuerySession session, Caller caller, string caseNumber, CancellationToken cancellation)
    {
        var accounts = caller.AccountIds.ToArray();
        return session.Query<Dispute>().FirstOrDefaultAsync(d => d.CaseNumber == caseNumber && accounts.Contains(d.AccountId), cancellation);
    }

    /// <summary>The same 404 for a case that does not exist and for one of another account.</summary>
    public static IResult NotFound(string caseNumber) => Problem.NotFound($"Case {caseNumber}");
}
