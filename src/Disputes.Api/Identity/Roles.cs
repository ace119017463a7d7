namespace Disputes.Api.Identity;

/// <summary>The roles a caller's token can carry, and the claims the service reads.</summary>
public static class Roles
{
    /// <summary>A chat agent: opens and works disputes.</summary>
    public const string Agent = "agent";

    /// <summary>A supervisor: everything an agent does, plus reopening and approving the resolutions others propose.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>A compliance officer: reads everything and audits; the one change they make is correcting a wrongly recorded past closing.</summary>
    public const string Compliance = "compliance";

    /// <summary>A cardmember: reads and withdraws the disputes of the accounts the token names.</summary>
    public const string Cardmember = "cardmember";

    /// <summary>A downstream system (card processor, collections, credit-bureau furnisher): reports what it did on accounts and manages its webhook subscriptions.</summary>
    public const string Integrator = "integrator";

    /// <summary>Every role.</summary>
    public static readonly IReadOnlyList<string> All = [Agent, Supervisor, Compliance, Cardmember, Integrator];

    /// <summary>The claim holding the role.</summary>
    public const string RoleClaim = "role";

    /// <summary>The claim naming the caller (user name or id).</summary>
    public const string SubjectClaim = "sub";

    /// <summary>The claim, repeated, naming each account a cardmember may see.</summary>
    public const string AccountClaim = "account";
}

/// <summary>The authorization policies, one per kind of access; endpoints name one each.</summary>
public static class Policies
{
    /// <summary>Open and work disputes, log and work complaints, register accounts: agents and supervisors.</summary>
    public const string WorkDisputes = "work-disputes";

    /// <summary>Reopen a resolved dispute: supervisors.</summary>
    public const string Reopen = "reopen";

    /// <summary>Approve or return a resolution another staff member proposed: supervisors.</summary>
    public const string ApproveResolutions = "approve-resolutions";

    /// <summary>Read disputes, complaints and accounts as staff: agents, supervisors, compliance.</summary>
    public const string ReadDisputes = "read-disputes";

    /// <summary>Compliance views and audit: compliance officers and supervisors.</summary>
    public const string Audit = "audit";

    /// <summary>The cardmember's own view: their disputes and complaints.</summary>
    public const string OwnDisputes = "own-disputes";

    /// <summary>Correct a wrongly recorded past closing of an account's calendar, with a reason (rule book section 3): supervisors and compliance officers.</summary>
    public const string CorrectPastClosings = "correct-past-closings";

    /// <summary>Report activity on accounts, judged against the disputes' holds: integrators.</summary>
    public const string ReportActivity = "report-activity";

    /// <summary>Make, rotate, replay and delete webhook subscriptions: integrators.</summary>
    public const string ManageWebhooks = "manage-webhooks";

    /// <summary>Read webhook subscriptions and their delivery logs: integrators and compliance officers.</summary>
    public const string ReadWebhooks = "read-webhooks";

    /// <summary>Read the print queue of postal letters and their due dates: integrators (the mail vendor) and compliance officers.</summary>
    public const string ReadPrintQueue = "read-print-queue";

    /// <summary>Collect print batches, download them and confirm their mailing: integrators (the mail vendor).</summary>
    public const string PrintNotices = "print-notices";

    /// <summary>The operator's endpoints (metrics, detailed readiness): see <see cref="OperationsAccess"/>.</summary>
    public const string Operate = "operate";
}
