using Disputes.Api.Complaints.Logging;
using Disputes.Api.Complaints.Timing;

namespace Disputes.Api.Complaints;

/// <summary>What formal complaints need beside their endpoints: the reference sequence and the deadline timers.</summary>
public static class ComplaintWork
{
    /// <summary>Registers it.</summary>
    public static void AddComplaints(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ComplaintReferences>();
        builder.Services.AddSingleton<ComplaintTimers>();
    }
}
