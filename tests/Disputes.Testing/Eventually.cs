namespace Disputes.Testing;

/// <summary>
/// Waits for what the service does on its own (a timer firing, an asynchronous projection catching up, a node taking
/// over) by reading it again until it holds, instead of sleeping a fixed time and hoping: a fast machine finishes
/// sooner, a slow one still passes, and a wait that never ends fails saying what was last seen.
/// </summary>
public static class Eventually
{
    /// <summary>How long a wait lasts unless a test gives its own (a timer fires within a second or two of its instant).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    /// <summary>Reads with <paramref name="read"/> until <paramref name="holds"/> is true, and returns what was read then.</summary>
    /// <param name="read">Reads the current state, e.g. a GET of the dispute.</param>
    /// <param name="holds">True when the state is the one waited for.</param>
    /// <param name="what">What is awaited, for the failure message, e.g. "the breach to be recorded".</param>
    /// <param name="patience">How long to wait; <see cref="Patience"/> unless given.</param>
    /// <exception cref="TimeoutException">It did not hold within <paramref name="patience"/>; the message has the last state read.</exception>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> holds, string what, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        while (true)
        {
            var current = await read();
            if (holds(current))
            {
                return current;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}; last seen: {current}");
            }

            await Task.Delay(Pause);
        }
    }
}
