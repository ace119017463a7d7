using Disputes.Domain.Disputes;
using Marten;
using Microsoft.AspNetCore.Diagnostics;

namespace Disputes.Api.Disputes.Opening;

/// <summary>
/// Two intakes of the same chat session and transaction at the same moment both find no dispute and both start its
/// stream; the second commit fails on the stream id. That intake is a repeat, so it is answered like one: 200 with the
/// dispute the first opened. Handled here because the commit is Wolverine's, after the endpoint has returned.
/// </summary>
public sealed class RepeatedIntake(IDocumentStore store) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (StreamIdOf(exception) is not { } id)
        {
            return false;
        }

        await using var query = store.QuerySession();
        if (await query.LoadAsync<Dispute>(id, cancellationToken) is not { } existing)
        {
            return false;
        }

        await new DisputeAnswer(existing, DisputeAnswer.Kind.Repeated).ExecuteAsync(httpContext);
        return true;
    }

    private static Guid? StreamIdOf(Exception? exception) => exception switch
    {
        null => null,
        JasperFx.Events.ExistingStreamIdCollisionException { Id: Guid id } => id,
        Marten.Exceptions.ExistingStreamIdCollisionException { Id: Guid id } => id,
        _ => StreamIdOf(exception.InnerException),
    };
}
