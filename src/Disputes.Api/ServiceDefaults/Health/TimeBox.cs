namespace Disputes.Api.ServiceDefaults.Health;

/// <summary>
/// Holds a readiness check to its own timeout when the database connection does not honour cancellation: a server
/// that accepts connections but never answers keeps Npgsql waiting for its command timeout and then for its cancel
/// request, far past the check's three seconds, and the probe with it.
/// </summary>
public static class TimeBox
{
    /// <summary>
    /// Runs <paramref name="work"/> without the token (the data source's own timeouts still end it) and waits for it
    /// only until <paramref name="cancellationToken"/> is cancelled, when the check counts as timed out; a failure
    /// that comes after that is observed and dropped.
    /// </summary>
    public static async Task<T> WithinAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var task = Task.Run(work, CancellationToken.None);
        try
        {
            return await task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }
}
