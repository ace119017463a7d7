using System.ComponentModel.DataAnnotations;
using Disputes.Api.Hosting;

namespace Disputes.Api.Disputes.Approving;

/// <summary>Which resolutions wait for a supervisor's approval (<see cref="Domain.Disputes.Approving.ResolutionApproval"/>).</summary>
public sealed class ApprovalOptions : ISettings
{
    /// <inheritdoc/>
    public static string Section => "Disputes:Approvals";

    /// <summary>
    /// A denial (no error) or partial credit of a dispute whose amount is over this, in dollars, is proposed and takes
    /// effect only when a second supervisor approves it. 0, the default, sends every denial for approval.
    /// </summary>
    [Range(typeof(decimal), "0", "79228162514264337593543950335")]
    public decimal RequiredAbove { get; set; }
}
