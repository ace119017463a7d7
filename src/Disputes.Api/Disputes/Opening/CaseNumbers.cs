using Disputes.Api.Hosting;
using Npgsql;

namespace Disputes.Api.Disputes.Opening;

/// <summary>Hands out case numbers such as <c>DSP-2025-000042</c> (<see cref="ReferenceSequence"/>).</summary>
public sealed class CaseNumbers(NpgsqlDataSource dataSource) : ReferenceSequence(dataSource, Sequence, "DSP")
{
    /// <summary>The sequence, created with the rest of the schema.</summary>
    public const string Sequence = "case_number_seq";
}
