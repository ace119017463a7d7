using Disputes.Api.Hosting;
using Npgsql;

namespace Disputes.Api.Complaints.Logging;

/// <summary>Hands out complaint references such as <c>CMP-2025-000123</c> from a sequence of their own (<see cref="ReferenceSequence"/>).</summary>
public sealed class ComplaintReferences(NpgsqlDataSource dataSource) : ReferenceSequence(dataSource, Sequence, "CMP")
{
    /// <summary>The sequence, created with the rest of the schema.</summary>
    public const string Sequence = "complaint_reference_seq";
}
