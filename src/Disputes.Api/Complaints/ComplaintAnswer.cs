using System.Reflection;
using Disputes.Domain.Complaints;
using Microsoft.AspNetCore.Http.Metadata;

namespace Disputes.Api.Complaints;

/// <summary>
/// The complaint as staff see it, with its version as the entity tag: the answer to <c>GET /api/complaints/{complaintId}</c>
/// and to every step, as <see cref="Disputes.DisputeAnswer"/> is for a dispute.
/// </summary>
/// <param name="Complaint">The complaint after the step.</param>
/// <param name="Created">True for the answer to logging it: 201 with its address.</param>
public sealed record ComplaintAnswer(Complaint Complaint, bool Created = false) : IResult, IEndpointMetadataProvider
{
    /// <summary>What a step's refusals and the version checks call the stream.</summary>
    public const string What = "complaint";

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.ETag = Disputes.DisputeCommand.ETagFor(Complaint.Version);
        var body = ComplaintResponse.From(Complaint);
        return (Created ? Results.Created($"/api/complaints/{Complaint.Id}", body) : Results.Ok(body)).ExecuteAsync(httpContext);
    }

    /// <summary>The answer to a step: the events <paramref name="decided"/> appended to <paramref name="complaint"/>, and where they lead.</summary>
    public static (ComplaintAnswer Answer, Wolverine.Marten.Events Events) For(Complaint complaint, IReadOnlyList<object> decided) =>
        (new ComplaintAnswer(decided.Aggregate(complaint, (c, e) => c.Evolve(e))), [.. decided]);

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(ComplaintResponse), ["application/json"]));
}
